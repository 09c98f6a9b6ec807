// Pure: the names and tags cortado gives what it manages for scheduled jobs, so every command finds them again without local state.

export const MANAGED_TAG = 'cortado:managed-by';
export const MANAGED_VALUE = 'cortado';
export const OWNER_TAG = 'cortado:owner';
/** On every task a job starts: which job and group (history and `ls` read them back). */
export const JOB_TAG = 'cortado:schedule';
export const GROUP_TAG = 'cortado:schedule-group';

/** Scheduler and EventBridge names: [0-9a-zA-Z-_.], at most `max` characters. */
export const NAME_PATTERN = /^[0-9a-zA-Z\-_.]+$/;

function clean(s: string, max: number): string {
  return s.replace(/[^0-9a-zA-Z\-_.]+/g, '-').slice(0, max);
}

/** The group a config's jobs live in when it names none: one per service (or cluster), never the shared `default` group. */
export const defaultGroupName = (cluster: string, service: string | undefined): string =>
  clean(`cortado-${(service ?? cluster).replace(/^.*\//, '')}`, 64);

export const ownerOf = (cluster: string, service: string | undefined, group: string): string =>
  `${cluster.replace(/^.*\//, '')}/${service ?? group}`;

/** IAM role names: at most 64 characters of [\w+=,.@-]. */
export const roleNameFor = (group: string): string => clean(`cortado-scheduler-${group}`, 64);

export const historyRuleName = (group: string): string => clean(`cortado-history-${group}`, 64);

/** Where every group's history log group is, unless its config names another. */
export const HISTORY_LOG_GROUP_PREFIX = '/aws/events/cortado/';

export const defaultLogGroup = (group: string): string => `${HISTORY_LOG_GROUP_PREFIX}${group}`;

/** The ECS task group of a job's tasks: what the history rule's event pattern matches (ECS events carry the group, not tags). */
export const taskGroupOf = (group: string, job: string): string => `cortado:${group}:${job}`;

export const taskGroupPrefix = (group: string): string => `cortado:${group}:`;

/** The job a task group names, when it is one of this group's. */
export function jobOfTaskGroup(group: string, taskGroup: string | undefined): string | undefined {
  const prefix = taskGroupPrefix(group);
  return taskGroup?.startsWith(prefix) ? taskGroup.slice(prefix.length) : undefined;
}
