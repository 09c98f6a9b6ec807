// The unknown-key policy shared by cortado.yml's sections and the definition files: a warning with a did-you-mean, an error under --strict.
import { UsageError } from '../core/errors.js';
import { suggest } from './shape/shape.js';

/** How the caller wants to hear about what it cannot use (SessionOptions.strict and the session's warn, threaded down). */
export interface ReadOptions {
  /** The file, named in every message and set on errors. */
  readonly file?: string;
  /** Unknown keys are errors (UNKNOWN_KEY, exit 2, nothing changed) instead of warnings. */
  readonly strict?: boolean;
  /** Where warnings go (the session's ctx.warn); they are also returned. */
  readonly warn?: (message: string, field?: string) => void;
}

export interface UnknownKey {
  /** The full path: `canary.metrics[1].thresold`, `containerDefinitions[0].portMapping`. */
  readonly field: string;
  readonly suggestion?: string;
  /** Listed when there is no suggestion (short lists only). */
  readonly known?: readonly string[];
}

export interface UnknownWording {
  /** What the key is not: "unknown key", "not a field of RegisterTaskDefinition". */
  readonly what: string;
  /** What happens to it without --strict: "ignored", "not sent to AWS". */
  readonly fate: string;
}

const MAX_KNOWN_LISTED = 12;

/** Pure: the keys of `raw` that are not `known`, each with the closest known key when one is close enough to be a typo. */
export function findUnknownKeys(raw: Readonly<Record<string, unknown>>, path: string, known: readonly string[]): UnknownKey[] {
  return Object.keys(raw)
    .filter((k) => !known.includes(k))
    .map((k) => {
      const field = path ? `${path}.${k}` : k;
      const s = suggest(k, known);
      return s !== undefined ? { field, suggestion: s } : known.length <= MAX_KNOWN_LISTED ? { field, known } : { field };
    });
}

const advice = (u: UnknownKey): string =>
  u.suggestion !== undefined ? ` (did you mean "${u.suggestion}"?)` : u.known?.length ? ` (known: ${u.known.join(', ')})` : '';

/** Reports unknown keys: a warning each (returned, and sent to `warn`), or one UNKNOWN_KEY error listing them all under strict. */
export function reportUnknownKeys(
  found: readonly UnknownKey[],
  opts: ReadOptions,
  wording: UnknownWording = { what: 'unknown key', fate: 'ignored' },
): string[] {
  if (found.length === 0) return [];
  const at = opts.file ? `${opts.file}: ` : '';
  if (opts.strict) {
    const lines = found.map((u) => `${u.field}: ${wording.what}${advice(u)}`);
    throw new UsageError(
      'UNKNOWN_KEY',
      `${at}${lines.length === 1 ? lines[0] : `${lines.length} unknown keys:\n  - ${lines.join('\n  - ')}`}`,
      {
        ...(opts.file !== undefined ? { file: opts.file } : {}),
        field: found[0]!.field,
        hint: 'fix or remove the key (--strict makes unknown keys errors; without it they are warnings)',
      },
    );
  }
  return found.map((u) => {
    const message = `${at}${u.field}: ${wording.what}, ${wording.fate}${advice(u)}`;
    opts.warn?.(message, u.field);
    return message;
  });
}
