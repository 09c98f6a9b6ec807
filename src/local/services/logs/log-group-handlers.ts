// CloudWatch Logs groups and streams: create, delete, describe (prefix, order, pagination), retention and tags.
import { AwsError } from '../../aws-error.js';
import type { SandboxEnv } from '../../env.js';
import { paginate } from '../../paginate.js';
import type { Handler } from '../../service.js';
import { findGroup, findStream, groupArn, groupNameOf, invalidParameter, nameFromIdentifier, streamArn } from './log-lookup.js';
import { newGroup, newStream, type GroupState, type LogStore } from './log-store.js';

export const RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

const page = { defaultSize: 50, maxSize: 50, badToken: () => invalidParameter('The specified nextToken is invalid.') };

export const describeGroup = (env: SandboxEnv, g: GroupState) => {
  let storedBytes = 0;
  for (const s of g.streams.values()) storedBytes += s.storedBytes;
  return {
    logGroupName: g.name,
    creationTime: g.creationTime,
    ...(g.retentionInDays !== undefined ? { retentionInDays: g.retentionInDays } : {}),
    metricFilterCount: 0,
    arn: `${groupArn(env, g.name)}:*`,
    storedBytes,
    ...(g.kmsKeyId ? { kmsKeyId: g.kmsKeyId } : {}),
    logGroupClass: g.logGroupClass,
    logGroupArn: groupArn(env, g.name),
    deletionProtectionEnabled: g.deletionProtectionEnabled,
  };
};

/** Resolves a TagResource/ListTagsForResource ARN to a log group (the only taggable resource here). */
function groupByArn(env: SandboxEnv, store: LogStore, resourceArn: string): GroupState {
  if (!/^arn:aws[\w-]*:logs:[^:]*:\d*:log-group:/.test(resourceArn)) throw invalidParameter(`Invalid resource ARN: ${resourceArn}`);
  return findGroup(env, store, nameFromIdentifier(resourceArn));
}

export function logGroupHandlers(env: SandboxEnv, store: LogStore): Record<string, Handler> {
  const now = () => env.clock.now().getTime();
  return {
    CreateLogGroup: (input) => {
      const name = input.logGroupName as string;
      if (name.startsWith('aws/')) throw invalidParameter("Log group names cannot start with 'aws/'.");
      if (store.groups.has(name)) throw new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists');
      store.groups.set(
        name,
        newGroup(name, now(), env.consistency.stamp(), {
          ...(input.kmsKeyId ? { kmsKeyId: input.kmsKeyId as string } : {}),
          ...(input.logGroupClass ? { logGroupClass: input.logGroupClass as string } : {}),
          ...(input.deletionProtectionEnabled !== undefined
            ? { deletionProtectionEnabled: input.deletionProtectionEnabled as boolean }
            : {}),
          ...(input.tags ? { tags: input.tags as Record<string, string> } : {}),
        }),
      );
      return {};
    },
    DeleteLogGroup: (input) => {
      const group = findGroup(env, store, input.logGroupName as string);
      if (group.deletionProtectionEnabled)
        throw new AwsError(
          'ValidationException',
          'Cannot delete log group with deletion protection enabled. Disable deletion protection first.',
        );
      store.groups.delete(group.name);
      return {};
    },
    DescribeLogGroups: (input) => {
      const prefix = input.logGroupNamePrefix as string | undefined;
      const pattern = input.logGroupNamePattern as string | undefined;
      const identifiers = input.logGroupIdentifiers as string[] | undefined;
      if (prefix !== undefined && pattern !== undefined)
        throw invalidParameter('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
      if (identifiers && (prefix !== undefined || pattern !== undefined))
        throw invalidParameter('logGroupIdentifiers cannot be combined with logGroupNamePrefix or logGroupNamePattern.');
      const wanted = identifiers ? new Set(identifiers.map(nameFromIdentifier)) : undefined;
      const all = [...store.groups.values()]
        .filter((g) => env.consistency.visible(g.stamp))
        .filter(
          (g) =>
            (prefix === undefined || g.name.startsWith(prefix)) &&
            (pattern === undefined || g.name.includes(pattern)) &&
            (!wanted || wanted.has(g.name)),
        )
        .filter((g) => input.logGroupClass === undefined || g.logGroupClass === input.logGroupClass)
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const p = paginate(all, { nextToken: input.nextToken, maxResults: input.limit }, page, `groups|${prefix ?? ''}|${pattern ?? ''}`);
      // With a name pattern AWS answers only arn, creationTime and logGroupName.
      const logGroups = p.items.map((g) => {
        const full = describeGroup(env, g);
        return pattern === undefined ? full : { logGroupName: full.logGroupName, creationTime: full.creationTime, arn: full.arn };
      });
      return p.nextToken ? { logGroups, nextToken: p.nextToken } : { logGroups };
    },
    PutRetentionPolicy: (input) => {
      const days = input.retentionInDays as number;
      if (!RETENTION_DAYS.includes(days)) {
        throw invalidParameter(
          `1 validation error detected: Value '${days}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`,
        );
      }
      findGroup(env, store, input.logGroupName as string).retentionInDays = days;
      return {};
    },
    DeleteRetentionPolicy: (input) => {
      delete findGroup(env, store, input.logGroupName as string).retentionInDays;
      return {};
    },
    PutLogGroupDeletionProtection: (input) => {
      findGroup(env, store, nameFromIdentifier(input.logGroupIdentifier as string)).deletionProtectionEnabled =
        input.deletionProtectionEnabled as boolean;
      return {};
    },
    CreateLogStream: (input) => {
      const group = findGroup(env, store, input.logGroupName as string);
      const name = input.logStreamName as string;
      if (group.streams.has(name)) throw new AwsError('ResourceAlreadyExistsException', 'The specified log stream already exists');
      group.streams.set(name, newStream(name, now(), env.consistency.stamp()));
      return {};
    },
    DeleteLogStream: (input) => {
      const group = findGroup(env, store, input.logGroupName as string);
      const stream = findStream(env, group, input.logStreamName as string);
      group.streams.delete(stream.name);
      return {};
    },
    DescribeLogStreams: (input) => {
      const group = findGroup(env, store, groupNameOf(input));
      const prefix = input.logStreamNamePrefix as string | undefined;
      const orderBy = (input.orderBy as string | undefined) ?? 'LogStreamName';
      if (orderBy === 'LastEventTime' && prefix !== undefined)
        throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
      const lastEvent = (events: readonly { timestamp: number }[]) => events[events.length - 1]?.timestamp ?? 0;
      const all = [...group.streams.values()]
        .filter((s) => env.consistency.visible(s.stamp) && (prefix === undefined || s.name.startsWith(prefix)))
        .sort(
          orderBy === 'LastEventTime'
            ? (a, b) => lastEvent(a.events) - lastEvent(b.events) || (a.name < b.name ? -1 : 1)
            : (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
        );
      if (input.descending === true) all.reverse();
      const p = paginate(
        all,
        { nextToken: input.nextToken, maxResults: input.limit },
        page,
        `streams|${group.name}|${prefix ?? ''}|${orderBy}|${String(input.descending === true)}`,
      );
      const logStreams = p.items.map((s) => {
        const first = s.events[0];
        const last = s.events[s.events.length - 1];
        return {
          logStreamName: s.name,
          creationTime: s.creationTime,
          ...(first && last ? { firstEventTimestamp: first.timestamp, lastEventTimestamp: last.timestamp } : {}),
          ...(s.lastIngestionTime !== undefined ? { lastIngestionTime: s.lastIngestionTime } : {}),
          uploadSequenceToken: sequenceToken(s.events.length),
          arn: streamArn(env, group.name, s.name),
          // Deprecated by AWS in 2019 and always reported as zero for streams.
          storedBytes: 0,
        };
      });
      return p.nextToken ? { logStreams, nextToken: p.nextToken } : { logStreams };
    },
    TagResource: (input) => {
      const group = groupByArn(env, store, input.resourceArn as string);
      const tags = { ...group.tags, ...(input.tags as Record<string, string>) };
      if (Object.keys(tags).length > 50) throw new AwsError('TooManyTagsException', 'A resource can have no more than 50 tags.');
      group.tags = tags;
      return {};
    },
    UntagResource: (input) => {
      const group = groupByArn(env, store, input.resourceArn as string);
      for (const k of input.tagKeys as string[]) delete group.tags[k];
      return {};
    },
    ListTagsForResource: (input) => ({ tags: { ...groupByArn(env, store, input.resourceArn as string).tags } }),
    TagLogGroup: (input) => {
      const group = findGroup(env, store, input.logGroupName as string);
      const tags = { ...group.tags, ...(input.tags as Record<string, string>) };
      if (Object.keys(tags).length > 50) throw new AwsError('TooManyTagsException', 'A resource can have no more than 50 tags.');
      group.tags = tags;
      return {};
    },
    UntagLogGroup: (input) => {
      const group = findGroup(env, store, input.logGroupName as string);
      for (const k of input.tags as string[]) delete group.tags[k];
      return {};
    },
    ListTagsLogGroup: (input) => ({ tags: { ...findGroup(env, store, input.logGroupName as string).tags } }),
  };
}

/** The (now ignored) sequence token AWS still reports: a long decimal that grows with each upload. */
export const sequenceToken = (n: number): string => `4960${String(n).padStart(52, '0')}`;
