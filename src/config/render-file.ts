// Renders one config or definition file to a value: Jsonnet first for .jsonnet, then the template functions, then JSON/YAML parsing.
import { readFile } from 'node:fs/promises';
import { CortadoError, UsageError } from '../core/errors.js';
import { formatOf } from './find-config.js';
import type { JsonnetOptions } from './jsonnet-eval.js';
import { parseJsonDocument, parseYamlDocument } from './parse-document.js';
import { TemplateError } from './template/template-ast.js';
import { type FunctionMap, renderTemplate, TemplateCallError } from './template/template-render.js';

export interface RenderInputs extends JsonnetOptions {
  readonly functions: FunctionMap;
  /** --strict, carried to the definition checks: fields the AWS API does not have are errors. */
  readonly strict?: boolean;
}

/** Template failures keep their source: a refused AWS read stays an AWS error, anything else is the user's to fix. */
function templateFailure(e: unknown, file: string, note: string): Error {
  if (!(e instanceof TemplateError)) return e as Error;
  const where = `${file}:${e.pos.line}:${e.pos.column}${note}`;
  if (e instanceof TemplateCallError && e.cause instanceof CortadoError && e.cause.source !== 'user') {
    return new CortadoError(e.cause.code, `${where}: ${e.message}`, {
      source: e.cause.source,
      cause: e.cause,
      file,
      ...(e.cause.hint ? { hint: e.cause.hint } : {}),
    });
  }
  return new UsageError('TEMPLATE_ERROR', `${where}: ${e.message}`, { file });
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError('FILE_NOT_FOUND', `${what} ${file} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`}`, {
      file,
    });
  }
}

export async function renderFile(file: string, what: string, inputs: RenderInputs): Promise<unknown> {
  const format = formatOf(file);
  if (!format)
    throw new UsageError('BAD_DEFINITION', `${what} ${file}: unsupported extension; use .json, .jsonnet, .yml or .yaml`, { file });
  if (format === 'jsonnet') {
    await readText(file, what);
    let json: string;
    try {
      // Loaded here only: Jsonnet is an optional native add-on, and YAML/JSON renders should not pay for finding it.
      json = await (await import('./jsonnet-eval.js')).evaluateJsonnetFile(file, inputs);
    } catch (e) {
      if (e instanceof CortadoError) throw e; // the add-on is missing or unbuilt: its own message says what to do
      const cause = e instanceof Error ? e.message : String(e);
      throw new UsageError('BAD_JSONNET', `${what} ${file}: Jsonnet evaluation failed: ${cause.trim()}`, { file });
    }
    const note = ' (in the Jsonnet output)';
    const rendered = await renderTemplate(json, inputs.functions).catch((e: unknown) => {
      throw templateFailure(e, file, note);
    });
    return parseJsonDocument(rendered, file, note);
  }
  const text = await readText(file, what);
  const rendered = await renderTemplate(text, inputs.functions).catch((e: unknown) => {
    throw templateFailure(e, file, '');
  });
  return format === 'json' ? parseJsonDocument(rendered, file) : parseYamlDocument(rendered, file);
}
