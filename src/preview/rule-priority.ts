// Which listener rule priority a new preview takes: free, inside the configured range, spread by the env's hash so parallel creates rarely race.
import { shortHash } from './naming.js';

export type PriorityRange = readonly [number, number];

/** ALB rule priorities are 1..50000; lower is evaluated first. */
export const ALB_PRIORITIES: PriorityRange = [1, 50_000];

/** Where in the range an env starts probing: the same env always starts at the same place. */
export function priorityStart(env: string, [low, high]: PriorityRange): number {
  return low + (parseInt(shortHash(env), 16) % (high - low + 1));
}

/** The first free priority at or after `start`, wrapping around the range; undefined when the range is full. */
export function freePriority(taken: ReadonlySet<number>, [low, high]: PriorityRange, start: number): number | undefined {
  const size = high - low + 1;
  const from = Math.min(Math.max(start, low), high) - low;
  for (let i = 0; i < size; i++) {
    const p = low + ((from + i) % size);
    if (!taken.has(p)) return p;
  }
  return undefined;
}
