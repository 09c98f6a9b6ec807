// Pure: which revisions `deregister --keeps N` removes — never one in use, and the N newest of the rest are kept.
export interface KeepsPlan {
  readonly keep: readonly number[];
  readonly inUse: readonly number[];
  readonly deregister: readonly number[];
}

export function selectForDeregister(active: readonly number[], inUse: ReadonlySet<number>, keeps: number): KeepsPlan {
  const newestFirst = [...new Set(active)].sort((a, b) => b - a);
  const free = newestFirst.filter((r) => !inUse.has(r));
  return {
    keep: free.slice(0, keeps),
    inUse: newestFirst.filter((r) => inUse.has(r)),
    deregister: free.slice(keeps),
  };
}
