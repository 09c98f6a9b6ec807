// A tiny typed reader over untrusted YAML/JSON: every error names the field path, the expectation and what was received.
import { UsageError } from '../../core/errors.js';

export type Raw = Readonly<Record<string, unknown>>;

const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : `${typeof v} ${JSON.stringify(v)}`);

export function configError(path: string, expected: string, got: unknown): UsageError {
  return new UsageError('CANARY_CONFIG', `${path}: expected ${expected}, got ${describe(got)}`, 'see docs/canary.md for the canary: section');
}

/** YAML users write `confirm-promotion` or `confirm_promotion`; both mean the same key. */
export function normalizeKeys(raw: Raw): Raw {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) out[k.replace(/-/g, '_')] = v;
  return out;
}

export function mapping(path: string, v: unknown): Raw {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw configError(path, 'a mapping', v);
  return normalizeKeys(v as Raw);
}

export function list(path: string, v: unknown): readonly unknown[] {
  if (!Array.isArray(v)) throw configError(path, 'a list', v);
  return v;
}

export function str(path: string, v: unknown): string {
  if (typeof v !== 'string' || v.trim() === '') throw configError(path, 'a non-empty string', v);
  return v;
}

export function num(path: string, v: unknown, opts: { min?: number; max?: number; integer?: boolean } = {}): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  const ok = typeof n === 'number' && Number.isFinite(n) && (!opts.integer || Number.isInteger(n))
    && (opts.min === undefined || n >= opts.min) && (opts.max === undefined || n <= opts.max);
  if (!ok) {
    const range = opts.min !== undefined && opts.max !== undefined ? ` from ${opts.min} to ${opts.max}` : opts.min !== undefined ? ` ≥ ${opts.min}` : '';
    throw configError(path, `${opts.integer ? 'an integer' : 'a number'}${range}`, v);
  }
  return n as number;
}

/** Rejects keys nobody reads: a typo must not silently fall back to a default. */
export function onlyKeys(path: string, raw: Raw, allowed: readonly string[]): void {
  for (const k of Object.keys(raw)) {
    if (!allowed.includes(k)) throw new UsageError('CANARY_CONFIG', `${path}.${k}: unknown key; expected one of ${allowed.join(', ')}`, 'see docs/canary.md for the canary: section');
  }
}
