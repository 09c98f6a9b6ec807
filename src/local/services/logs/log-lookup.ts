// Resolving log groups and streams the way CloudWatch Logs does, with its exact not-found messages and ARN formats.
import { AwsError } from '../../aws-error.js';
import type { SandboxEnv } from '../../env.js';
import { arn } from '../../ids.js';
import type { GroupState, LogStore, StreamState } from './log-store.js';

export const groupNotFound = (): AwsError => new AwsError('ResourceNotFoundException', 'The specified log group does not exist.');
export const streamNotFound = (): AwsError => new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.');
export const invalidParameter = (message: string): AwsError => new AwsError('InvalidParameterException', message);

export const groupArn = (env: SandboxEnv, name: string): string => arn('logs', env.region, env.accountId, `log-group:${name}`);
export const streamArn = (env: SandboxEnv, group: string, stream: string): string => `${groupArn(env, group)}:log-stream:${stream}`;

/** A group that exists and that reads may already see (eventual-consistency stamp). */
export function findGroup(env: SandboxEnv, store: LogStore, name: string): GroupState {
  const group = store.groups.get(name);
  if (!group || !env.consistency.visible(group.stamp)) throw groupNotFound();
  return group;
}

export function findStream(env: SandboxEnv, group: GroupState, name: string): StreamState {
  const stream = group.streams.get(name);
  if (!stream || !env.consistency.visible(stream.stamp)) throw streamNotFound();
  return stream;
}

/** `arn:aws:logs:<region>:<account>:log-group:<name>[:*]` → name; anything else is taken as a name. */
export function nameFromIdentifier(identifier: string): string {
  const m = /^arn:aws[\w-]*:logs:[^:]*:\d*:log-group:([^:]+)(?::\*)?$/.exec(identifier);
  return m ? m[1]! : identifier;
}

/** Operations that take logGroupName or logGroupIdentifier need exactly one of them. */
export function groupNameOf(input: Record<string, unknown>): string {
  const name = input.logGroupName as string | undefined;
  const identifier = input.logGroupIdentifier as string | undefined;
  if (name !== undefined && identifier !== undefined)
    throw invalidParameter('LogGroup name and LogGroup identifier are mutually exclusive parameters.');
  if (name === undefined && identifier === undefined)
    throw invalidParameter('Either LogGroup name or LogGroup identifier must be specified.');
  return name ?? nameFromIdentifier(identifier!);
}
