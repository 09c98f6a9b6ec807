// `schedule diff` and `schedule apply`: plan every change from what AWS holds (group, role, history rule, schedules), then make them.
import { untilVisible } from '../aws/eventual-consistency.js';
import type { GetScheduleCommandOutput } from '@aws-sdk/client-scheduler';
import { awsErrorCode } from '../aws/aws-call.js';
import { UsageError } from '../core/errors.js';
import { msg } from '../core/io-host.js';
import { applyHistory, HISTORY_POLICY_NAME, type HistoryPlan, planHistory } from './history-setup.js';
import type { JobSpec } from './job-spec.js';
import { resolveJobs } from './resolve-jobs.js';
import { groupTags, readGroup, readSchedules } from './schedule-group.js';
import { desiredSchedule } from './schedule-input.js';
import { planSchedules, type ScheduleAction } from './schedule-plan.js';
import { applyRole, planRole, type RolePlan } from './scheduler-role.js';
import type { SchedulesDeps } from './schedules-deps.js';

export interface ApplyOptions {
  readonly prune?: boolean;
  readonly dryRun?: boolean;
  /** Only this job (its schedule; group, role and history are still kept current). */
  readonly job?: string;
}

export interface ApplyPlan {
  readonly group: { readonly name: string; readonly exists: boolean };
  readonly role: RolePlan;
  readonly history: HistoryPlan;
  readonly schedules: readonly ScheduleAction[];
}

/** One line per change, for people and for --output json. */
export interface Change {
  readonly kind: 'create' | 'update' | 'delete' | 'keep';
  readonly resource:
    'schedule-group' | 'role' | 'role-policy' | 'log-group' | 'retention' | 'log-policy' | 'rule' | 'rule-target' | 'schedule';
  readonly name: string;
}

export function selectJobs(deps: SchedulesDeps, job?: string): readonly JobSpec[] {
  if (job === undefined) return deps.spec.jobs;
  const found = deps.spec.jobs.find((j) => j.name === job);
  if (!found)
    throw new UsageError('SCHEDULE_NOT_FOUND', `no job ${JSON.stringify(job)} in ${deps.spec.file}`, {
      hint: `jobs: ${deps.spec.jobs.map((j) => j.name).join(', ') || '(none)'}`,
    });
  return [found];
}

/** Reads AWS and decides; changes nothing. */
export async function planApply(deps: SchedulesDeps, o: ApplyOptions = {}): Promise<ApplyPlan> {
  const jobs = selectJobs(deps, o.job);
  const resolved = await resolveJobs(deps, jobs);
  // The role's policy covers every job of the file, not only the one applied.
  const all = o.job === undefined ? resolved : await resolveJobs(deps);
  const group = await readGroup(deps);
  const role = await planRole(deps, all.clusterArn, all.jobs, all.taskDefinitions);
  const history = await planHistory(deps, resolved.clusterArn);
  const actual: Map<string, GetScheduleCommandOutput> = group.kind === 'managed' ? await readSchedules(deps) : new Map();
  if (o.job !== undefined) for (const name of [...actual.keys()]) if (name !== o.job) actual.delete(name);
  const desired = resolved.jobs.map((j) => desiredSchedule(j, deps.spec.group, role.arn));
  return {
    group: { name: deps.spec.group, exists: group.kind === 'managed' },
    role,
    history,
    schedules: planSchedules(desired, actual, { prune: o.prune === true, file: deps.spec.file, group: deps.spec.group }),
  };
}

/** Pure: the plan as a list of changes (unchanged schedules as `keep`). */
export function planChanges(p: ApplyPlan): Change[] {
  const out: Change[] = [];
  if (!p.group.exists) out.push({ kind: 'create', resource: 'schedule-group', name: p.group.name });
  if (p.role.kind === 'managed') {
    if (!p.role.exists) out.push({ kind: 'create', resource: 'role', name: p.role.name });
    if (p.role.policyChanged) out.push({ kind: p.role.exists ? 'update' : 'create', resource: 'role-policy', name: p.role.name });
  }
  const h = p.history;
  if (!h.logGroupExists) out.push({ kind: 'create', resource: 'log-group', name: h.logGroup });
  if (h.retentionChanged) out.push({ kind: 'update', resource: 'retention', name: h.logGroup });
  if (h.policyDocument !== undefined) out.push({ kind: 'update', resource: 'log-policy', name: HISTORY_POLICY_NAME });
  if (h.ruleChanged) out.push({ kind: 'update', resource: 'rule', name: h.rule });
  if (h.targetChanged) out.push({ kind: 'update', resource: 'rule-target', name: h.rule });
  for (const s of p.schedules) {
    if (s.kind === 'delete') {
      if (s.pruned) out.push({ kind: 'delete', resource: 'schedule', name: s.name });
    } else out.push({ kind: s.kind === 'unchanged' ? 'keep' : s.kind, resource: 'schedule', name: s.name });
  }
  return out;
}

/** Schedules of the group no longer in the file, left in place without --prune. */
export const strays = (p: ApplyPlan): string[] => p.schedules.filter((s) => s.kind === 'delete' && !s.pruned).map((s) => s.name);

const IAM_SETTLE_TRIES = 12;

/** A role just created may not be assumable yet (IAM is eventually consistent): Scheduler says so with a ValidationException. */
async function settlingRole<T>(deps: SchedulesDeps, fresh: boolean, call: () => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await call();
    } catch (e) {
      const roleNotReady = fresh && awsErrorCode(e) === 'ValidationException' && /role/i.test((e as Error).message);
      if (!roleNotReady || i >= IAM_SETTLE_TRIES) throw e;
      await deps.clock.sleep(5_000, deps.signal);
    }
  }
}

function report(deps: SchedulesDeps, c: Change, dryRun: boolean): void {
  const verb = { create: 'created', update: 'updated', delete: 'deleted', keep: 'unchanged' }[c.kind];
  deps.io.notify(msg('info', dryRun ? 'DRY_RUN' : 'SCHEDULE_CHANGE', `${dryRun ? 'would be ' : ''}${verb}: ${c.resource} ${c.name}`, c));
}

/** Makes the plan's changes in dependency order (group, role, history, schedules, then prune); every step is idempotent. */
export async function executePlan(deps: SchedulesDeps, p: ApplyPlan): Promise<Change[]> {
  const changes = planChanges(p);
  const done = (c: Change) => report(deps, c, false);
  const scheduler = await deps.aws.scheduler();
  if (!p.group.exists) {
    try {
      await scheduler.createScheduleGroup({ Name: p.group.name, Tags: groupTags(deps.spec.owner) }, deps.signal);
    } catch (e) {
      if (awsErrorCode(e) !== 'ConflictException') throw e;
      await readGroup(deps); // made meanwhile: only carry on if it is ours
    }
    done({ kind: 'create', resource: 'schedule-group', name: p.group.name });
  }
  const roleArn = await applyRole(deps, p.role);
  for (const c of changes.filter((x) => x.resource === 'role' || x.resource === 'role-policy')) done(c);
  await applyHistory(deps, p.history);
  for (const c of changes.filter((x) => ['log-group', 'retention', 'log-policy', 'rule', 'rule-target'].includes(x.resource))) done(c);
  const freshRole = p.role.kind === 'managed' && !p.role.exists;
  for (const s of p.schedules) {
    if (s.kind === 'create' || s.kind === 'update') {
      const input = { ...s.input, Target: { ...s.input.Target!, RoleArn: roleArn } };
      // In a group created a moment ago (not visible yet), the schedule is tried again for a while.
      await settlingRole(deps, freshRole, () =>
        untilVisible(!p.group.exists, deps.clock, deps.signal, async () => {
          if (s.kind === 'update') return scheduler.updateSchedule(input, deps.signal);
          try {
            return await scheduler.createSchedule(input, deps.signal);
          } catch (e) {
            if (awsErrorCode(e) === 'ConflictException') return scheduler.updateSchedule(input, deps.signal); // made meanwhile
            throw e;
          }
        }),
      );
      done({ kind: s.kind, resource: 'schedule', name: s.name });
    } else if (s.kind === 'delete' && s.pruned) {
      try {
        await scheduler.deleteSchedule({ Name: s.name, GroupName: deps.spec.group }, deps.signal);
      } catch (e) {
        if (awsErrorCode(e) !== 'ResourceNotFoundException') throw e;
      }
      done({ kind: 'delete', resource: 'schedule', name: s.name });
    }
  }
  return changes.filter((c) => c.kind !== 'keep');
}

export interface ApplyResult {
  readonly plan: ApplyPlan;
  /** What changed (or, under --dry-run, would change). */
  readonly changes: readonly Change[];
  readonly changed: boolean;
  readonly strays: readonly string[];
}

export async function applySchedules(deps: SchedulesDeps, o: ApplyOptions = {}): Promise<ApplyResult> {
  const plan = await planApply(deps, o);
  const pending = planChanges(plan).filter((c) => c.kind !== 'keep');
  if (o.dryRun) {
    for (const c of pending) report(deps, c, true);
    return { plan, changes: pending, changed: pending.length > 0, strays: strays(plan) };
  }
  const changes = await executePlan(deps, plan);
  return { plan, changes, changed: changes.length > 0, strays: strays(plan) };
}

/** `schedule delete JOB`: removes one schedule from cortado's group (never another group's). */
export async function deleteJobSchedule(deps: SchedulesDeps, name: string, dryRun: boolean): Promise<{ readonly deleted: boolean }> {
  const group = await readGroup(deps);
  const scheduler = await deps.aws.scheduler();
  let exists = group.kind === 'managed';
  if (exists) {
    try {
      await scheduler.getSchedule({ Name: name, GroupName: deps.spec.group }, deps.signal);
    } catch (e) {
      if (awsErrorCode(e) !== 'ResourceNotFoundException') throw e;
      exists = false;
    }
  }
  if (!exists)
    throw new UsageError('SCHEDULE_NOT_FOUND', `no schedule ${name} in cortado's schedule group ${deps.spec.group}`, {
      hint: 'cortado schedule ls lists them',
    });
  const c: Change = { kind: 'delete', resource: 'schedule', name };
  if (dryRun) {
    report(deps, c, true);
    return { deleted: false };
  }
  await scheduler.deleteSchedule({ Name: name, GroupName: deps.spec.group }, deps.signal);
  report(deps, c, false);
  return { deleted: true };
}
