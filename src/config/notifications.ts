// The `notifications:` mapping of a cortado.yml section (canary:, schedules:): Slack and webhook URLs, read once for every capability.
import type { Notifier } from '../core/notifier.js';
import type { SectionReader } from './section-reader.js';

const TIMEOUT_MS = 5000;

/** An http:// or https:// URL, or an error naming the field. */
export function readUrl(r: SectionReader, path: string, v: unknown): string {
  const s = r.str(path, v);
  if (!/^https?:\/\/\S+$/.test(s)) throw r.fail(path, 'an http:// or https:// URL', v);
  return s;
}

/** `{slack: URL | [URL], webhook: URL | [URL]}` at `path` (absent: none). */
export function readNotifications(r: SectionReader, path: string, v: unknown): readonly Notifier[] {
  if (v === undefined) return [];
  const m = r.mapping(path, v);
  r.keys(path, m, ['slack', 'webhook']);
  const urls = (kind: 'slack' | 'webhook'): Notifier[] => {
    const raw = m[kind];
    if (raw === undefined) return [];
    return (Array.isArray(raw) ? raw : [raw]).map((u, i) => ({ kind, url: readUrl(r, `${path}.${kind}[${i}]`, u), timeoutMs: TIMEOUT_MS }));
  };
  return [...urls('slack'), ...urls('webhook')];
}
