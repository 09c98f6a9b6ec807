// Server-side constraint checks (required, enum, length, range, pattern) driven by AWS's own models.
import type { ServiceModel, Shape } from './model.js';
import { shapeOf } from './model.js';

export interface Violation {
  readonly path: string;
  readonly message: string;
  /** A required member that is absent (some services report these apart: MissingParameter). */
  readonly missing?: boolean;
}

const regexCache = new Map<string, RegExp | null>();

/** Java's POSIX classes (US-ASCII) that JavaScript's \p{...} does not know; without this `\p{Print}+` fails every value. */
const JAVA_POSIX: Readonly<Record<string, string>> = {
  Print: '\\x20-\\x7E',
  Graph: '\\x21-\\x7E',
  Alnum: 'A-Za-z0-9',
  Alpha: 'A-Za-z',
  Punct: '!-/:-@\\[-`{-~',
};

/** botocore patterns are Java regexes; compile what JavaScript can express and skip the rest. */
function compilePattern(pattern: string): RegExp | null {
  if (regexCache.has(pattern)) return regexCache.get(pattern) ?? null;
  let re: RegExp | null = null;
  const source = pattern.replace(/\\p\{(Print|Graph|Alnum|Alpha|Punct)\}/g, (_m, name: string) => `[${JAVA_POSIX[name]!}]`);
  for (const flags of ['u', '']) {
    try {
      re = new RegExp(`^(?:${source})$`, flags);
      break;
    } catch {
      re = null;
    }
  }
  regexCache.set(pattern, re);
  return re;
}

const show = (v: unknown): string => (v === null || v === undefined ? 'null' : typeof v === 'string' ? `'${v}'` : `'${JSON.stringify(v)}'`);

const childPath = (path: string, name: string): string => (path ? `${path}.${name}` : name);

function sizeOf(shape: Shape, value: unknown): number | undefined {
  if (typeof value === 'string' && shape.type === 'string') return [...value].length;
  if (Buffer.isBuffer(value)) return value.length;
  if (Array.isArray(value)) return value.length;
  if (shape.type === 'map' && value && typeof value === 'object') return Object.keys(value).length;
  return undefined;
}

function checkScalar(shape: Shape, value: unknown, path: string, out: Violation[]): void {
  const size = sizeOf(shape, value);
  const isNumber = typeof value === 'number';
  if (shape.min !== undefined) {
    if (size !== undefined && size < shape.min)
      out.push({
        path,
        message: `Value ${show(value)} at '${path}' failed to satisfy constraint: Member must have length greater than or equal to ${shape.min}`,
      });
    if (isNumber && value < shape.min)
      out.push({
        path,
        message: `Value ${show(value)} at '${path}' failed to satisfy constraint: Member must have value greater than or equal to ${shape.min}`,
      });
  }
  if (shape.max !== undefined) {
    if (size !== undefined && size > shape.max)
      out.push({
        path,
        message: `Value ${show(value)} at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${shape.max}`,
      });
    if (isNumber && value > shape.max)
      out.push({
        path,
        message: `Value ${show(value)} at '${path}' failed to satisfy constraint: Member must have value less than or equal to ${shape.max}`,
      });
  }
  if (typeof value === 'string' && shape.enum && !shape.enum.includes(value)) {
    out.push({
      path,
      message: `Value ${show(value)} at '${path}' failed to satisfy constraint: Member must satisfy enum value set: [${shape.enum.join(', ')}]`,
    });
  }
  if (typeof value === 'string' && shape.pattern) {
    const re = compilePattern(shape.pattern);
    if (re && !re.test(value))
      out.push({
        path,
        message: `Value ${show(value)} at '${path}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${shape.pattern}`,
      });
  }
}

function walk(model: ServiceModel, shapeName: string, value: unknown, path: string, out: Violation[]): void {
  const shape = shapeOf(model, shapeName);
  if (value === undefined || value === null) return;
  checkScalar(shape, value, path, out);
  if (shape.type === 'structure' && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const name of shape.required ?? []) {
      if (record[name] === undefined || record[name] === null) {
        out.push({
          path: childPath(path, name),
          message: `Value null at '${childPath(path, name)}' failed to satisfy constraint: Member must not be null`,
          missing: true,
        });
      }
    }
    for (const [name, ref] of Object.entries(shape.members ?? {})) {
      if (record[name] !== undefined) walk(model, ref.shape, record[name], childPath(path, name), out);
    }
  } else if (shape.type === 'list' && Array.isArray(value) && shape.member) {
    value.forEach((item, i) => walk(model, shape.member!.shape, item, `${path}.${i + 1}.member`, out));
  } else if (shape.type === 'map' && value && typeof value === 'object' && shape.value) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (shape.key) checkScalar(shapeOf(model, shape.key.shape), k, `${path}.${k}.key`, out);
      walk(model, shape.value.shape, v, `${path}.${k}.value`, out);
    }
  }
}

/** Returns every violation of the input shape's constraints, in AWS's message style. */
export function validateInput(model: ServiceModel, shapeName: string | undefined, input: unknown): Violation[] {
  if (!shapeName) return [];
  const out: Violation[] = [];
  walk(model, shapeName, input ?? {}, '', out);
  return out;
}

/** AWS joins violations as "N validation error(s) detected: a; b". */
export function violationMessage(violations: readonly Violation[]): string {
  const n = violations.length;
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${violations.map((v) => v.message).join('; ')}`;
}
