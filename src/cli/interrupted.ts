// What Ctrl-C leaves behind, per kind of command: read from the messages the run reported (the revision, the service, the
// release), so the user knows what goes on in AWS and which command follows or stops it.
import type { IoMessage } from '../core/io-host.js';
import type { ParsedArgs } from './command.js';

const last = (seen: readonly IoMessage[], codes: readonly string[]) => [...seen].reverse().find((m) => codes.includes(m.code));

/** deploy, refresh: the deployment the service update started goes on in ECS. */
export function deploymentInterrupted(seen: readonly IoMessage[]): string {
  const update = last(seen, ['SERVICE_UPDATED', 'SERVICE_CREATED']);
  if (update) {
    const m = /service (\S+) (?:to|with) (\S+)$/.exec(update.message);
    const what = m ? `the deployment of ${m[2]} to service ${m[1]}` : 'the deployment';
    return `${what} continues in ECS; \`cortado wait\` follows it, \`cortado rollback\` stops it`;
  }
  const registered = last(seen, ['TASK_DEFINITION_REGISTERED']);
  if (registered)
    return `${registered.message.replace(/^registered task definition /, 'task definition ')} was registered, the service was not updated; nothing runs because of it`;
  return 'the service was not updated; nothing was changed in ECS';
}

/** rollback: the rollback deployment goes on. */
export function rollbackInterrupted(seen: readonly IoMessage[]): string {
  const m = last(seen, ['ROLLBACK_STARTED', 'ROLLBACK_REQUESTED']);
  return m ? `${m.message}: that goes on in ECS; \`cortado wait\` follows it, \`cortado status\` shows it` : 'nothing was changed in ECS';
}

/** scale: ECS keeps starting or stopping tasks towards the new count. */
export function scaleInterrupted(seen: readonly IoMessage[]): string {
  const m = last(seen, ['SERVICE_SCALED']);
  return m ? `${m.message} goes on in ECS; \`cortado wait\` follows it` : 'the desired count was not changed';
}

/** wait, status-like waits: nothing was changed by us. */
export const waitInterrupted = (): string =>
  'nothing was changed; the deployment goes on in ECS: `cortado wait` follows it again, `cortado status` shows it';

/** run: the task keeps running. */
export function runInterrupted(seen: readonly IoMessage[]): string {
  const m = last(seen, ['TASK_STARTED']);
  const arns = (m?.data as { taskArns?: unknown } | undefined)?.taskArns;
  const ids = Array.isArray(arns) ? arns.filter((a): a is string => typeof a === 'string').map((a) => a.replace(/^.*\//, '')) : [];
  if (!m) return 'no task was started';
  return `task ${ids.join(', ') || '(see above)'} keeps running in ECS; \`cortado logs${ids.length === 1 ? ` --task ${ids[0]}` : ''} --follow\` follows it, \`aws ecs stop-task\` stops it`;
}

/** canary start/resume/promote: the release's state lives in AWS and stays where it is. */
export function releaseInterrupted(seen: readonly IoMessage[]): string {
  const m = last(seen, ['CANARY_STARTED', 'CANARY_CONTROLLER', 'CANARY_WEIGHTS_SET']);
  if (!m) return 'no release step was taken; `cortado canary status` shows where the release is';
  const id = /release (\S+?):? /.exec(m.message)?.[1];
  const w = last(seen, ['CANARY_WEIGHTS_SET'])?.data as { canary?: unknown } | undefined;
  const share = typeof w?.canary === 'number' ? `its ${w.canary}% traffic share` : 'its traffic share';
  return `the release${id ? ` ${id}` : ''} stays where it is in AWS: the canary keeps ${share} with no analysis running (state in tags on the canary service); \`cortado canary resume\` continues it, \`cortado canary abort\` rolls it back, \`cortado canary status\` shows it`;
}

/** env create/delete: a partly applied plan; running the command again completes it. */
export function envInterrupted(verb: 'create' | 'delete') {
  return (_seen: readonly IoMessage[], args: ParsedArgs): string => {
    const name = args.positionals[0] ?? '<name>';
    return verb === 'create'
      ? `the preview environment ${name} may be partly created in AWS; \`cortado env create ${name}\` again completes it, \`cortado env delete ${name}\` removes it`
      : `the preview environment ${name} may be partly deleted; \`cortado env delete ${name}\` again finishes it`;
  };
}
