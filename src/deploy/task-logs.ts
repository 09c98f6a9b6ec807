// The deploy engine's reading of a container's awslogs output (the location rules live in ecs/task-log-location.ts).
import { type LogLocation, readLastLogLines } from '../ecs/task-log-location.js';
import type { DeployContext } from './deploy-context.js';

export { type LogLocation, logLocation, taskIdOf } from '../ecs/task-log-location.js';

/** The last `limit` lines of a stream (empty when it does not exist yet). */
export async function lastLogLines(ctx: DeployContext, loc: LogLocation, limit: number): Promise<string[]> {
  return readLastLogLines(await ctx.aws.logs(), loc, limit, ctx.signal);
}
