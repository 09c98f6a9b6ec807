// Durations as people write them on the command line and in cortado.yml (`90s`, `30m`, `24h`, `7d`, `1h30m`).
import { UsageError } from '../core/errors.js';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Milliseconds, or a UsageError naming `what` and the expected form. */
export function parseDuration(raw: string, what: string): number {
  const text = raw.trim();
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)];
  const joined = parts.map((p) => p[0]).join('');
  if (parts.length === 0 || joined !== text) {
    throw new UsageError('BAD_DURATION', `${what} expects a duration such as 30m, 24h or 7d, got ${JSON.stringify(raw)}`);
  }
  return parts.reduce((ms, p) => ms + Number(p[1]) * UNIT_MS[p[2]!]!, 0);
}

/** `1d 2h`, `35m`, `12s`: the largest two units, for `env ls`'s AGE column. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const units: ReadonlyArray<readonly [string, number]> = [['d', 86_400], ['h', 3_600], ['m', 60], ['s', 1]];
  const out: string[] = [];
  let rest = s;
  for (const [u, n] of units) {
    if (rest >= n || (out.length === 0 && u === 's')) { out.push(`${Math.floor(rest / n)}${u}`); rest %= n; }
    if (out.length === 2) break;
  }
  return out.join(' ');
}
