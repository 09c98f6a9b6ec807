// Eventual consistency: a resource written now becomes visible to reads only after the configured delay.
export interface Consistency {
  /** Call when a resource is created or changed; keep the returned stamp with it. */
  stamp(): number;
  /** Whether reads may see a resource carrying this stamp (undefined: always visible). */
  visible(stamp: number | undefined): boolean;
}

export function createConsistency(delayMs: () => number): Consistency {
  return {
    stamp: () => Date.now() + delayMs(),
    visible: (stamp) => stamp === undefined || Date.now() >= stamp,
  };
}
