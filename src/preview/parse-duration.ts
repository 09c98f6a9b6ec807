// Durations on the `cortado env` command line (the config layer's one grammar: `90s`, `30m`, `24h`, `7d`, `1h30m`), and ages as `env ls` shows them.
import { readDurationOption } from '../config/duration.js';

/** Milliseconds (at least 1), or a UsageError (BAD_DURATION) naming the flag `what`, the expected form and what it got. */
export const parseDuration = (raw: string, what: string): number => readDurationOption(raw, what, { min: 1 }, 'BAD_DURATION');

/** `1d 2h`, `35m`, `12s`: the largest two units, for `env ls`'s AGE column. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const units: ReadonlyArray<readonly [string, number]> = [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ];
  const out: string[] = [];
  let rest = s;
  for (const [u, n] of units) {
    if (rest >= n || (out.length === 0 && u === 's')) {
      out.push(`${Math.floor(rest / n)}${u}`);
      rest %= n;
    }
    if (out.length === 2) break;
  }
  return out.join(' ');
}
