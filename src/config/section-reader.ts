// One reader for every section of cortado.yml (top level, canary:, preview:): typed fields whose errors name file, field, expectation and value.
import type { Code } from '../core/codes.js';
import { UsageError } from '../core/errors.js';
import { type DurationRule, readDuration } from './duration.js';
import { describeValue, suggest } from './shape/shape.js';
import { findUnknownKeys, type ReadOptions, reportUnknownKeys } from './unknown-keys.js';

export type Raw = Readonly<Record<string, unknown>>;
export type { ReadOptions } from './unknown-keys.js';

export interface ReaderSpec extends ReadOptions {
  /** The code of a wrong value in this section (BAD_CONFIG, CANARY_CONFIG). */
  readonly code: Code;
  readonly hint?: string;
  /** YAML users write `confirm-promotion` or `confirm_promotion`: read both as the underscore key. */
  readonly dashes?: boolean;
}

export interface NumRule {
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
}

export interface SectionReader {
  readonly file: string | undefined;
  /** Every warning reported so far (also sent to `warn`). */
  readonly warnings: readonly string[];
  /** A UsageError naming the file, the field, what was expected and what was received. */
  fail(field: string, expected: string, got: unknown): UsageError;
  /** The unknown keys of the mapping at `path`: a warning each with a did-you-mean, one error under strict. */
  keys(path: string, raw: Raw, known: readonly string[]): void;
  mapping(path: string, v: unknown): Raw;
  list(path: string, v: unknown): readonly unknown[];
  str(path: string, v: unknown): string;
  num(path: string, v: unknown, rule?: NumRule): number;
  duration(path: string, v: unknown, rule?: DurationRule): number;
}

const isMapping = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

function range(rule: NumRule): string {
  if (rule.min !== undefined && rule.max !== undefined) return ` from ${rule.min} to ${rule.max}`;
  return rule.min !== undefined ? ` ≥ ${rule.min}` : rule.max !== undefined ? ` ≤ ${rule.max}` : '';
}

export function sectionReader(spec: ReaderSpec): SectionReader {
  const warnings: string[] = [];
  const where = (field: string) => (spec.file ? `${spec.file}: ${field}` : field);
  const place = (field: string) => ({
    ...(spec.file !== undefined ? { file: spec.file } : {}),
    field,
    ...(spec.hint !== undefined ? { hint: spec.hint } : {}),
  });
  const fail = (field: string, expected: string, got: unknown) =>
    new UsageError(spec.code, `${where(field)}: expected ${expected}, got ${describeValue(got)}`, place(field));
  return {
    file: spec.file,
    warnings,
    fail,
    keys(path, raw, known) {
      warnings.push(...reportUnknownKeys(findUnknownKeys(raw, path, known), spec));
    },
    mapping(path, v) {
      if (!isMapping(v)) throw fail(path, 'a mapping', v);
      if (!spec.dashes) return v;
      const out: Record<string, unknown> = {};
      for (const [k, val] of Object.entries(v)) out[k.replace(/-/g, '_')] = val;
      return out;
    },
    list(path, v) {
      if (!Array.isArray(v)) throw fail(path, 'a list', v);
      return v;
    },
    str(path, v) {
      if (typeof v !== 'string' || v.trim() === '') throw fail(path, 'a non-empty string', v);
      return v;
    },
    num(path, v, rule = {}) {
      const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
      const ok =
        typeof n === 'number' &&
        Number.isFinite(n) &&
        (!rule.integer || Number.isInteger(n)) &&
        (rule.min === undefined || n >= rule.min) &&
        (rule.max === undefined || n <= rule.max);
      if (!ok) throw fail(path, `${rule.integer ? 'an integer' : 'a number'}${range(rule)}`, v);
      return n as number;
    },
    duration(path, v, rule = {}) {
      return readDuration(v, {
        ...rule,
        field: path,
        code: spec.code,
        ...(spec.file !== undefined ? { file: spec.file } : {}),
        ...(spec.hint !== undefined ? { hint: spec.hint } : {}),
      });
    },
  };
}

/** One of `allowed` (absent: `fallback`); anything else fails naming the choices, with a did-you-mean for a near miss. */
export function oneOf<T extends string>(r: SectionReader, path: string, v: unknown, allowed: readonly T[], fallback: T): T {
  if (v === undefined) return fallback;
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  const near = typeof v === 'string' ? suggest(v, allowed) : undefined;
  throw r.fail(path, `one of ${allowed.join(', ')}${near ? ` (did you mean "${near}"?)` : ''}`, v);
}
