// Gives every task its own loopback address (awsvpc-like), so tasks can all listen on their container port at once.
import { randomInt } from 'node:crypto';

/** On Linux all of 127.0.0.0/8 routes to `lo`: these addresses bind with no configuration. */
export const FIRST_TASK_ADDRESS = '127.0.1.1';

export interface AddressPool {
  /** The next free address after the last one handed out, so a released address is not reused at once. */
  allocate(): string;
  /** Marks a known address as taken (tasks restored from --state-dir keep theirs, whatever this pool's range). */
  reserve(ip: string): void;
  /** Idempotent; an address the pool does not hold is ignored. */
  release(ip: string): void;
  readonly inUse: number;
}

export class AddressPoolExhaustedError extends Error {
  readonly code = 'AddressPoolExhausted';
  constructor(inUse: number) {
    super(`no free loopback address for a new task: all ${inUse} addresses of 127.0.0.0/8 are in use; stop some tasks first`);
    this.name = 'AddressPoolExhaustedError';
  }
}

// Addresses are 127.a.b.c with b and c in 1..254 (no .0 or .255 octet), numbered from 0 in that order.
const SPAN = 254;
const CAPACITY = 256 * SPAN * SPAN;

const toIndex = (ip: string): number | undefined => {
  const parts = ip.split('.').map(Number);
  const [first, a, b, c] = parts;
  if (parts.length !== 4 || first !== 127 || a === undefined || b === undefined || c === undefined) return undefined;
  if (![a, b, c].every(Number.isInteger) || a < 0 || a > 255 || b < 1 || b > SPAN || c < 1 || c > SPAN) return undefined;
  return (a * SPAN + (b - 1)) * SPAN + (c - 1);
};

const toAddress = (index: number): string => {
  const c = (index % SPAN) + 1;
  const b = (Math.floor(index / SPAN) % SPAN) + 1;
  const a = Math.floor(index / (SPAN * SPAN));
  return `127.${a}.${b}.${c}`;
};

export const createAddressPool = (first: string = FIRST_TASK_ADDRESS): AddressPool => {
  const start = toIndex(first);
  if (start === undefined) throw new RangeError(`address pool start must be 127.a.b.c with b and c in 1-254, got "${first}"`);
  const used = new Set<number>();
  let next = start;
  return {
    allocate() {
      if (used.size >= CAPACITY - start) throw new AddressPoolExhaustedError(used.size);
      while (used.has(next)) next = next + 1 >= CAPACITY ? start : next + 1;
      const index = next;
      used.add(index);
      next = next + 1 >= CAPACITY ? start : next + 1;
      return toAddress(index);
    },
    reserve(ip) {
      const index = toIndex(ip);
      if (index !== undefined) used.add(index);
    },
    release(ip) {
      const index = toIndex(ip);
      if (index !== undefined) used.delete(index);
    },
    get inUse() {
      return used.size;
    },
  };
};

/**
 * A random 127.a.b.1 to start a pool at: each sandbox starts its task addresses there, so sandboxes running side by side on
 * one machine (parallel test files, two copies of the suite, a benchmark next to a dev sandbox) do not hand out the same
 * address and port.
 */
export const randomPoolStart = (): string => `127.${1 + randomInt(254)}.${1 + randomInt(254)}.1`;
