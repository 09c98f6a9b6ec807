// `logs`: the service's (or one task's) container output from CloudWatch Logs, once or --follow until cancelled.
import type { FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { awsErrorCode } from '../aws/aws-call.js';
import { UsageError } from '../core/errors.js';
import { msg } from '../core/io-host.js';
import type { DeployContext } from './deploy-context.js';

export interface LogsOptions {
  readonly container?: string;
  readonly taskId?: string;
  readonly sinceMs?: number;
  readonly follow?: boolean;
  readonly filterPattern?: string;
}

export interface LogsResult {
  readonly group: string;
  readonly streamPrefix: string;
  readonly events: number;
}

/** Pure: a printable line for one event. */
export const formatLogEvent = (e: FilteredLogEvent): string =>
  `${e.timestamp ? new Date(e.timestamp).toISOString() : '-'} ${(e.logStreamName ?? '').split('/').pop()?.slice(0, 8) ?? ''} ${e.message ?? ''}`;

export async function logs(ctx: DeployContext, o: LogsOptions = {}): Promise<LogsResult> {
  const td = await ctx.taskDefinition();
  const containers = td.containerDefinitions ?? [];
  const c = o.container
    ? containers.find((x) => x.name === o.container)
    : containers.find((x) => x.logConfiguration?.logDriver === 'awslogs');
  if (!c)
    throw new UsageError(
      'BAD_OPTION',
      o.container
        ? `--container ${o.container}: no such container (containers: ${containers.map((x) => x.name).join(', ')})`
        : 'no container in the task definition logs with the awslogs driver',
    );
  const group = c.logConfiguration?.options?.['awslogs-group'];
  const prefix = c.logConfiguration?.options?.['awslogs-stream-prefix'];
  if (c.logConfiguration?.logDriver !== 'awslogs' || !group || !prefix)
    throw new UsageError(
      'NO_AWSLOGS',
      `container ${c.name} does not log with awslogs and a stream prefix; cortado logs reads CloudWatch Logs`,
    );
  const streamPrefix = `${prefix}/${c.name}/${o.taskId ?? ''}`;
  const api = await ctx.aws.logs();
  let startTime = ctx.clock.now().getTime() - (o.sinceMs ?? 10 * 60_000);
  const seen = new Set<string>();
  let count = 0;
  const done = (): LogsResult => ({ group, streamPrefix, events: count });
  for (;;) {
    let nextToken: string | undefined;
    do {
      let out;
      try {
        out = await api.filterLogEvents(
          {
            logGroupName: group,
            logStreamNamePrefix: streamPrefix,
            startTime,
            ...(o.filterPattern ? { filterPattern: o.filterPattern } : {}),
            ...(nextToken ? { nextToken } : {}),
          },
          ctx.signal,
        );
      } catch (e) {
        if (o.follow && ctx.signal.aborted) return done();
        if (awsErrorCode(e) === 'ResourceNotFoundException')
          throw new UsageError('LOG_GROUP_NOT_FOUND', `log group ${group} does not exist`);
        throw e;
      }
      for (const e of out.events ?? []) {
        if (e.eventId && seen.has(e.eventId)) continue;
        if (e.eventId) seen.add(e.eventId);
        count++;
        ctx.host.notify(
          msg('info', 'LOG_EVENT', formatLogEvent(e), { timestamp: e.timestamp, stream: e.logStreamName, message: e.message }),
        );
        if (e.timestamp !== undefined && e.timestamp > startTime) startTime = e.timestamp;
      }
      nextToken = out.nextToken;
    } while (nextToken);
    if (!o.follow) return done();
    try {
      await ctx.clock.sleep(ctx.pollIntervalMs, ctx.signal);
    } catch (e) {
      if (ctx.signal.aborted) return done();
      throw e;
    }
  }
}
