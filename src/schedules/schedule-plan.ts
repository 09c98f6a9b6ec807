// Pure: what apply changes in the group — each job's schedule created, updated (with its diff) or left; with prune, the group's others deleted.
import type { GetScheduleCommandOutput } from '@aws-sdk/client-scheduler';
import { type DefinitionDiff, diffDefinitions } from '../diff/definition-diff.js';
import { comparableSchedule, type ScheduleInput } from './schedule-input.js';

export type ScheduleAction =
  | { readonly kind: 'create'; readonly name: string; readonly input: ScheduleInput; readonly diff: DefinitionDiff }
  | { readonly kind: 'update'; readonly name: string; readonly input: ScheduleInput; readonly diff: DefinitionDiff }
  | { readonly kind: 'unchanged'; readonly name: string }
  /** In cortado's group, no longer in the file: deleted with --prune, reported otherwise. */
  | { readonly kind: 'delete'; readonly name: string; readonly pruned: boolean };

export function planSchedules(
  desired: readonly ScheduleInput[],
  actual: ReadonlyMap<string, GetScheduleCommandOutput>,
  opts: { readonly prune: boolean; readonly file: string; readonly group: string },
): ScheduleAction[] {
  const out: ScheduleAction[] = [];
  for (const input of desired) {
    const name = input.Name!;
    const remote = actual.get(name);
    const diff = diffDefinitions(
      remote ? comparableSchedule(remote) : undefined,
      comparableSchedule(input),
      `aws: ${opts.group}/${name}`,
      `${opts.file}: ${name}`,
    );
    out.push(
      !remote ? { kind: 'create', name, input, diff } : diff.changed ? { kind: 'update', name, input, diff } : { kind: 'unchanged', name },
    );
  }
  const wanted = new Set(desired.map((d) => d.Name));
  for (const name of [...actual.keys()].sort()) if (!wanted.has(name)) out.push({ kind: 'delete', name, pruned: opts.prune });
  return out;
}
