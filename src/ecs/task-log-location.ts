// Where a container's awslogs output lives (group, stream) and how to read its last lines: deploy's run and failure reports, and schedule history.
import type { ContainerDefinition } from '@aws-sdk/client-ecs';
import { awsErrorCode } from '../aws/aws-call.js';
import type { LogsApi } from '../aws/logs-api.js';

export interface LogLocation {
  readonly group: string;
  readonly stream: string;
  readonly region?: string;
}

/** Pure: `<prefix>/<container>/<task id>` for the awslogs driver with a stream prefix; undefined otherwise. */
export function logLocation(container: Pick<ContainerDefinition, 'name' | 'logConfiguration'>, taskId: string): LogLocation | undefined {
  const lc = container.logConfiguration;
  const group = lc?.options?.['awslogs-group'];
  const prefix = lc?.options?.['awslogs-stream-prefix'];
  if (lc?.logDriver !== 'awslogs' || !group || !prefix || !container.name) return undefined;
  const region = lc.options?.['awslogs-region'];
  return { group, stream: `${prefix}/${container.name}/${taskId}`, ...(region ? { region } : {}) };
}

export const taskIdOf = (taskArn: string): string => taskArn.replace(/^.*\//, '');

/** The last `limit` lines of a stream (empty when it does not exist yet, or no longer). */
export async function readLastLogLines(logs: LogsApi, loc: LogLocation, limit: number, signal: AbortSignal): Promise<string[]> {
  try {
    const out = await logs.getLogEvents({ logGroupName: loc.group, logStreamName: loc.stream, limit, startFromHead: false }, signal);
    return (out.events ?? []).map((e) => e.message ?? '');
  } catch (e) {
    if (awsErrorCode(e) === 'ResourceNotFoundException') return [];
    throw e;
  }
}
