// CloudWatch Logs filter patterns (pure): terms, "phrases", ?any, -exclude, %regex% and JSON `{ $.field = value }` patterns.
import { matchesJson, parseEventJson, parseJsonPattern, type JsonCondition } from './json-filter-pattern.js';

export type FilterTerm =
  | { readonly kind: 'all'; readonly text: string }
  | { readonly kind: 'any'; readonly text: string }
  | { readonly kind: 'none'; readonly text: string };

export type FilterPattern =
  | { readonly kind: 'everything' }
  | { readonly kind: 'terms'; readonly terms: readonly FilterTerm[] }
  | { readonly kind: 'regex'; readonly regex: RegExp }
  | { readonly kind: 'json'; readonly condition: JsonCondition };

export type ParsedPattern = { readonly kind: 'ok'; readonly pattern: FilterPattern } | { readonly kind: 'error'; readonly message: string };

const invalid = (message: string): ParsedPattern => ({ kind: 'error', message });

/** Splits a term pattern into words and quoted phrases, keeping the ?/- prefix of each. */
function tokenize(source: string): Array<{ readonly prefix: string; readonly text: string }> | undefined {
  const out: Array<{ prefix: string; text: string }> = [];
  let i = 0;
  while (i < source.length) {
    while (i < source.length && /\s/.test(source[i]!)) i++;
    if (i >= source.length) break;
    let prefix = '';
    if (source[i] === '?' || source[i] === '-') prefix = source[i++]!;
    if (source[i] === '"') {
      const close = source.indexOf('"', i + 1);
      if (close < 0) return undefined;
      out.push({ prefix, text: source.slice(i + 1, close) });
      i = close + 1;
    } else {
      const start = i;
      while (i < source.length && !/\s/.test(source[i]!)) i++;
      out.push({ prefix, text: source.slice(start, i) });
    }
  }
  return out;
}

export function parseFilterPattern(source: string | undefined): ParsedPattern {
  const text = (source ?? '').trim();
  if (text === '' || text === '""') return { kind: 'ok', pattern: { kind: 'everything' } };
  if (text.length >= 2 && text.startsWith('%') && text.endsWith('%')) {
    const body = text.slice(1, -1);
    if (/[()]/.test(body)) return invalid("Invalid character(s) in term '(': parentheses are not supported in regular expressions");
    try {
      return { kind: 'ok', pattern: { kind: 'regex', regex: new RegExp(body) } };
    } catch {
      return invalid(`Invalid regular expression in filter pattern: ${text}`);
    }
  }
  if (text.startsWith('{')) {
    if (!text.endsWith('}')) return invalid('Invalid JSON filter pattern: missing closing brace');
    try {
      return { kind: 'ok', pattern: { kind: 'json', condition: parseJsonPattern(text.slice(1, -1)) } };
    } catch (e) {
      return invalid((e as Error).message);
    }
  }
  if (text.startsWith('[')) {
    return invalid(
      'cortado local supports term, "phrase", ?term, -term, %regex% and JSON filter patterns; space-delimited patterns are not emulated',
    );
  }
  const tokens = tokenize(text);
  if (!tokens) return invalid('Invalid filter pattern: unterminated quoted phrase');
  const terms = tokens
    .filter((t) => t.text !== '')
    .map((t): FilterTerm => ({ kind: t.prefix === '?' ? 'any' : t.prefix === '-' ? 'none' : 'all', text: t.text }));
  return { kind: 'ok', pattern: terms.length ? { kind: 'terms', terms } : { kind: 'everything' } };
}

/** Case-sensitive substring matching: every plain term, at least one ?term (when any), and no -term. */
export function matchesFilter(pattern: FilterPattern, message: string): boolean {
  switch (pattern.kind) {
    case 'everything':
      return true;
    case 'regex':
      return pattern.regex.test(message);
    case 'json': {
      const doc = parseEventJson(message);
      return doc !== undefined && matchesJson(pattern.condition, doc);
    }
    case 'terms': {
      const anyTerms = pattern.terms.filter((t) => t.kind === 'any');
      return (
        pattern.terms.every((t) => t.kind !== 'all' || message.includes(t.text)) &&
        pattern.terms.every((t) => t.kind !== 'none' || !message.includes(t.text)) &&
        (anyTerms.length === 0 || anyTerms.some((t) => message.includes(t.text)))
      );
    }
  }
}
