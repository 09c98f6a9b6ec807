// The template functions every config and definition has (kayac/go-config's): env, must_env, json_escape.
import type { TemplateFunction } from './template-render.js';

export type EnvMap = Readonly<Record<string, string | undefined>>;

/** Go's json.Marshal of a string without the quotes (it also escapes <, > and & for HTML safety). */
export function jsonEscape(s: string): string {
  return JSON.stringify(s)
    .slice(1, -1)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function envFunctions(env: EnvMap): Map<string, TemplateFunction> {
  return new Map<string, TemplateFunction>([
    [
      'env',
      (name, fallback) => {
        if (typeof name !== 'string') throw new Error(`expects a variable name as a string, got ${JSON.stringify(name)}`);
        const v = env[name];
        return v !== undefined && v !== '' ? v : fallback === undefined || fallback === null ? '' : String(fallback);
      },
    ],
    [
      'must_env',
      (name) => {
        if (typeof name !== 'string') throw new Error(`expects a variable name as a string, got ${JSON.stringify(name)}`);
        const v = env[name];
        if (v === undefined) throw new Error(`environment variable ${name} is not defined`);
        return v;
      },
    ],
    ['json_escape', (s) => jsonEscape(s === null || s === undefined ? '' : String(s))],
  ]);
}
