// Weighted random choice of a target group per request, as ALB weighted forward actions split traffic.
import type { WeightedGroup } from './route-table.js';

/** Index of the chosen group, or undefined when every weight is 0; `random` is injectable for table tests. */
export function pickWeighted(
  groups: readonly WeightedGroup[],
  totalWeight: number,
  random: () => number = Math.random,
): number | undefined {
  if (totalWeight <= 0) return undefined;
  if (groups.length === 1) return 0;
  let point = random() * totalWeight;
  for (let i = 0; i < groups.length; i++) {
    const w = groups[i]!.weight;
    if (w <= 0) continue;
    if (point < w) return i;
    point -= w;
  }
  // Rounding at the upper edge: the last group with a weight.
  for (let i = groups.length - 1; i >= 0; i--) if (groups[i]!.weight > 0) return i;
  return undefined;
}
