// Compares two canonical definitions: a unified diff for people, and a list of changed paths for scripts.
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { type Json, stableStringify } from './prune.js';

export interface DefinitionChange {
  readonly path: string;
  readonly from?: Json;
  readonly to?: Json;
}

export interface DefinitionDiff {
  readonly changed: boolean;
  /** Unified diff (remote → local), empty when equal. */
  readonly unified: string;
  readonly changes: readonly DefinitionChange[];
  /** The canonical JSON of each side when they differ ("" for a side that does not exist), for full and external diffs. */
  readonly texts?: { readonly remote: string; readonly local: string; readonly remoteLabel: string; readonly localLabel: string };
}

function walk(a: Json | undefined, b: Json | undefined, path: string, out: DefinitionChange[]): void {
  if (stableStringify(a, 0) === stableStringify(b, 0)) return;
  const isObj = (x: Json | undefined): x is { readonly [k: string]: Json } => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (isObj(a) && isObj(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) walk(a[k], b[k], path ? `${path}.${k}` : k, out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((x, i) => walk(x, b[i], `${path}[${i}]`, out));
    return;
  }
  out.push({ path: path || '(root)', ...(a !== undefined ? { from: a } : {}), ...(b !== undefined ? { to: b } : {}) });
}

/** Pure. `remote` undefined means "does not exist yet" (everything is an addition). */
export function diffDefinitions(remote: Json | undefined, local: Json, remoteLabel: string, localLabel: string): DefinitionDiff {
  const changes: DefinitionChange[] = [];
  walk(remote, local, '', changes);
  if (changes.length === 0) return { changed: false, unified: '', changes };
  const before = remote === undefined ? '' : `${stableStringify(remote)}\n`;
  const after = `${stableStringify(local)}\n`;
  const unified = createTwoFilesPatch(remoteLabel, localLabel, before, after, '', '', { context: 3, headerOptions: FILE_HEADERS_ONLY });
  return { changed: true, unified, changes, texts: { remote: before, local: after, remoteLabel, localLabel } };
}

/** Pure: the whole files with every line marked (ecspresso's `diff --no-unified`). */
export function fullDiff(texts: NonNullable<DefinitionDiff['texts']>): string {
  const lines = Math.max(texts.remote.split('\n').length, texts.local.split('\n').length);
  return createTwoFilesPatch(texts.remoteLabel, texts.localLabel, texts.remote, texts.local, '', '', {
    context: lines,
    headerOptions: FILE_HEADERS_ONLY,
  });
}

/** Red for removals, green for additions, cyan for hunk headers (only when the host prints colours). */
export function colorDiff(unified: string): string {
  return unified
    .split('\n')
    .map((l) => {
      if (l.startsWith('+++') || l.startsWith('---')) return `\x1b[1m${l}\x1b[0m`;
      if (l.startsWith('+')) return `\x1b[32m${l}\x1b[0m`;
      if (l.startsWith('-')) return `\x1b[31m${l}\x1b[0m`;
      if (l.startsWith('@@')) return `\x1b[36m${l}\x1b[0m`;
      return l;
    })
    .join('\n');
}
