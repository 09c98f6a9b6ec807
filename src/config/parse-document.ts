// Parses rendered definition/config text as JSON or YAML; errors name the file, line and column.
import { UsageError } from '../core/errors.js';
import { locateJsonError } from './json-error.js';

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - before.lastIndexOf('\n')}`;
}

export function parseJsonDocument(text: string, file: string, note = ''): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const spot = locateJsonError(text);
    if (spot) throw new UsageError('BAD_JSON', `${file}:${lineColumn(text, spot.offset)}: invalid JSON${note}: ${spot.message}`, { file });
    throw new UsageError('BAD_JSON', `${file}: invalid JSON${note}: ${(e as Error).message}`, { file });
  }
}

export async function parseYamlDocument(text: string, file: string): Promise<unknown> {
  const { parse } = await import('yaml');
  try {
    return parse(text, { prettyErrors: true });
  } catch (e) {
    const err = e as { message: string; linePos?: readonly { line: number; col: number }[] };
    const pos = err.linePos?.[0];
    const first = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new UsageError('BAD_YAML', `${file}${pos ? `:${pos.line}:${pos.col}` : ''}: invalid YAML: ${first}`, { file });
  }
}
