// Follows one CloudWatch Logs stream forward with GetLogEvents tokens (a task's output while it runs).
import { awsErrorCode } from '../aws/aws-call.js';
import type { DeployContext } from './deploy-context.js';
import type { LogLocation } from './task-logs.js';

export interface LogFollower {
  /** Reads what arrived since the last call; returns the new lines. */
  poll(): Promise<string[]>;
  /** Reads until the stream has nothing more (after the task stopped). */
  drain(): Promise<string[]>;
}

export function logFollower(ctx: DeployContext, loc: LogLocation): LogFollower {
  let token: string | undefined;
  const poll = async (): Promise<string[]> => {
    const logs = await ctx.aws.logs();
    try {
      const out = await logs.getLogEvents(
        { logGroupName: loc.group, logStreamName: loc.stream, startFromHead: true, ...(token ? { nextToken: token } : {}) },
        ctx.signal,
      );
      const lines = (out.events ?? []).map((e) => e.message ?? '');
      const next = out.nextForwardToken;
      const done = next === undefined || next === token;
      token = next ?? token;
      return done && lines.length === 0 ? [] : lines;
    } catch (e) {
      if (awsErrorCode(e) === 'ResourceNotFoundException') return [];
      throw e;
    }
  };
  return {
    poll,
    async drain() {
      const all: string[] = [];
      for (let i = 0; i < 100; i++) {
        const lines = await poll();
        if (lines.length === 0) break;
        all.push(...lines);
      }
      return all;
    },
  };
}
