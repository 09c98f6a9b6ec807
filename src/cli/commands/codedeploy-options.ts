// The deploy flags of CodeDeploy blue/green services (ecspresso's): --rollback-events, --auto-rollback-disabled, --wait-until codedeploy:<event>.
import { UsageError } from '../../core/errors.js';
import type { ParsedArgs } from '../command.js';
import { stringOption } from '../command.js';
import { suggest } from '../suggest.js';
import { LIFECYCLE_EVENTS } from '../../deploy/codedeploy/codedeploy-watch.js';

export const ROLLBACK_EVENTS = ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM', 'DEPLOYMENT_STOP_ON_REQUEST'] as const;

export const CODEDEPLOY_HELP = `  --rollback-events E,...  CodeDeploy services: roll back on these events (${ROLLBACK_EVENTS.join(', ')})
  --auto-rollback-disabled CodeDeploy services: no automatic rollback for this deployment
  --wait-until codedeploy:EVENT  CodeDeploy services: return once lifecycle event EVENT succeeded
                           (${LIFECYCLE_EVENTS.join(', ')})`;

/** The lifecycle event of `--wait-until codedeploy:<event>`, or undefined for another --wait-until value. */
export function codeDeployWaitEvent(args: ParsedArgs): string | undefined {
  const v = stringOption(args, 'wait-until');
  if (!v?.startsWith('codedeploy:')) return undefined;
  const event = v.slice('codedeploy:'.length);
  if (!(LIFECYCLE_EVENTS as readonly string[]).includes(event)) {
    const near = suggest(event, LIFECYCLE_EVENTS);
    throw new UsageError(
      'BAD_OPTION',
      `--wait-until codedeploy:EVENT expects one of ${LIFECYCLE_EVENTS.join(', ')}, got ${JSON.stringify(event)}${near ? ` (did you mean ${near}?)` : ''}`,
    );
  }
  return event;
}

export function rollbackEventsOption(args: ParsedArgs): string[] | undefined {
  const v = stringOption(args, 'rollback-events');
  if (v === undefined) return undefined;
  const events = v
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = events.filter((e) => !(ROLLBACK_EVENTS as readonly string[]).includes(e));
  if (bad.length || !events.length)
    throw new UsageError(
      'BAD_OPTION',
      `--rollback-events expects a comma-separated list of ${ROLLBACK_EVENTS.join(', ')}, got ${JSON.stringify(v)}`,
    );
  return events;
}
