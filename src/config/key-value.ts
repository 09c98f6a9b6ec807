// The one KEY=VALUE parser for every flag and field that takes pairs (--ext-str, --ext-code, --env, envfile lines): split at the first "=".
import type { Code } from '../core/codes.js';
import { UsageError } from '../core/errors.js';

export interface KeyValueRule {
  /** What a key must look like (default: anything non-empty), and how to say so. */
  readonly key?: RegExp;
  readonly keyIs?: string;
  readonly code?: Code;
}

/** Pure: `NAME=a=b` → ['NAME', 'a=b']; no "=" or an empty (or ill-formed) key is an error naming the option and the value received. */
export function parseKeyValue(text: string, option: string, rule: KeyValueRule = {}): readonly [string, string] {
  const i = text.indexOf('=');
  const key = i < 0 ? '' : text.slice(0, i);
  if (i < 0 || key === '' || (rule.key !== undefined && !rule.key.test(key))) {
    const why = i < 0 ? 'no "="' : key === '' ? 'an empty key' : `the key is not ${rule.keyIs ?? `of the form ${rule.key}`}`;
    throw new UsageError(
      rule.code ?? 'BAD_OPTION',
      `${option} expects KEY=VALUE${rule.keyIs ? ` with ${rule.keyIs} as KEY` : ''}, got ${JSON.stringify(text)} (${why})`,
      { field: option },
    );
  }
  return [key, text.slice(i + 1)];
}

/** Every pair of a repeatable option, later ones winning; undefined when the option was not given. */
export function parseKeyValues(
  items: readonly string[] | undefined,
  option: string,
  rule: KeyValueRule = {},
): Record<string, string> | undefined {
  if (items === undefined || items.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const item of items) {
    const [k, v] = parseKeyValue(item, option, rule);
    out[k] = v;
  }
  return out;
}

/** A variable name, as environments and envfiles take them. */
export const VARIABLE_NAME: KeyValueRule = { key: /^[A-Za-z_][A-Za-z0-9_]*$/, keyIs: 'a variable name' };
