// `cortado deploy`: register the task definition, update (or create) the service, wait for the deployment it started.
import { UsageError } from '../../core/errors.js';
import type { CliCommand } from '../command.js';
import { deploymentInterrupted } from '../interrupted.js';
import { numberOption } from '../command.js';
import {
  CODEDEPLOY_HELP,
  codeDeployWaitEvent,
  flag,
  rollbackEventsOption,
  WAIT_HELP,
  waitUntilOption,
  withContext,
} from './deploy-options.js';

export const deployCommand: CliCommand = {
  usage:
    'cortado deploy [--dry-run] [--tasks N] [--skip-task-definition | --revision N | --latest-task-definition] [--force-new-deployment] [--no-wait | --wait-until deployed|stable]',
  options: {
    'dry-run': { type: 'boolean' },
    tasks: { type: 'string' },
    'skip-task-definition': { type: 'boolean' },
    revision: { type: 'string' },
    'latest-task-definition': { type: 'boolean' },
    'force-new-deployment': { type: 'boolean' },
    'no-wait': { type: 'boolean' },
    'wait-until': { type: 'string' },
    'suspend-auto-scaling': { type: 'boolean' },
    'resume-auto-scaling': { type: 'boolean' },
    'no-update-service': { type: 'boolean' },
    'auto-scaling-min': { type: 'string' },
    'auto-scaling-max': { type: 'string' },
    'update-service': { type: 'boolean' },
    'rollback-events': { type: 'string' },
    'auto-rollback-disabled': { type: 'boolean' },
  },
  help: `Options:
  --dry-run                show the diff and what would happen; no change is made
  --tasks N                set the desired count (default: the service definition's desiredCount)
  --skip-task-definition   deploy the task definition the service runs now (with --force-new-deployment: fresh tasks)
  --revision N             deploy revision N of the family instead of registering one (also with --skip-task-definition)
  --latest-task-definition deploy the latest registered revision instead of registering one
  --force-new-deployment   start a new deployment even when nothing changed
${WAIT_HELP}
  --suspend-auto-scaling   suspend the service's auto scaling before the update
  --resume-auto-scaling    resume it after a successful deployment
  --auto-scaling-min N     set the scalable target's minimum capacity before the update
  --auto-scaling-max N     set its maximum capacity
  --no-update-service      change only the task definition (and --tasks): the service definition is not applied
${CODEDEPLOY_HELP}

Without --tasks, the service definition's desiredCount is applied (as ecspresso does); without one there,
the count is left to the service and its auto scaling.

When the deployment fails or the circuit breaker rolls it back, deploy exits 1 and prints the stopped
tasks' reasons, exit codes and last log lines.

A service with deploymentController CODE_DEPLOY is deployed through CodeDeploy (as ecspresso does): the task
definition is registered, a deployment with an AppSpec built from the service's load balancer is created in
the deployment group that names the service (or the config's codedeploy: application_name and
deployment_group_name), and deploy follows it, reporting the traffic shifted; it exits 1 saying why when
CodeDeploy fails, stops or rolls it back. Only desiredCount of the service definition is applied then.

Examples:
  IMAGE_TAG=$(cortado tag app/) cortado deploy
  cortado deploy --dry-run
  cortado deploy --config ecspresso.yml --tasks 4 --wait-until deployed
  cortado deploy --skip-task-definition --force-new-deployment
  cortado deploy --rollback-events DEPLOYMENT_FAILURE --wait-until codedeploy:AllowTestTraffic`,
  interrupted: deploymentInterrupted,
  async run(args, host) {
    const tasks = numberOption(args, 'tasks', { min: 0, integer: true });
    const revision = numberOption(args, 'revision', { min: 1, integer: true });
    const waitUntilEvent = codeDeployWaitEvent(args);
    const waitUntil = waitUntilEvent ? undefined : waitUntilOption(args);
    const rollbackEvents = rollbackEventsOption(args);
    if (rollbackEvents && flag(args, 'auto-rollback-disabled'))
      throw new UsageError('BAD_OPTION', '--rollback-events and --auto-rollback-disabled cannot be used together');
    const autoScalingMin = numberOption(args, 'auto-scaling-min', { min: 0, integer: true });
    const autoScalingMax = numberOption(args, 'auto-scaling-max', { min: 0, integer: true });
    if (args.positionals.length)
      throw new UsageError('BAD_ARGUMENTS', `cortado deploy takes no arguments, got ${JSON.stringify(args.positionals.join(' '))}`);
    const result = await withContext(args, host, async (ctx) => {
      const { deploy } = await import('../../deploy/deploy.js');
      return deploy(ctx, {
        dryRun: flag(args, 'dry-run'),
        skipTaskDefinition: flag(args, 'skip-task-definition'),
        latestTaskDefinition: flag(args, 'latest-task-definition'),
        forceNewDeployment: flag(args, 'force-new-deployment'),
        noWait: flag(args, 'no-wait'),
        suspendAutoScaling: flag(args, 'suspend-auto-scaling'),
        resumeAutoScaling: flag(args, 'resume-auto-scaling'),
        updateService: !flag(args, 'no-update-service'),
        ...(tasks !== undefined ? { tasks } : {}),
        ...(revision !== undefined ? { revision } : {}),
        ...(autoScalingMin !== undefined ? { autoScalingMin } : {}),
        ...(autoScalingMax !== undefined ? { autoScalingMax } : {}),
        ...(waitUntil ? { waitUntil } : {}),
        codeDeploy: {
          ...(rollbackEvents ? { rollbackEvents } : {}),
          ...(flag(args, 'auto-rollback-disabled') ? { autoRollbackDisabled: true } : {}),
          ...(waitUntilEvent ? { waitUntilEvent } : {}),
        },
      });
    });
    const diffText = result.diff ? [result.diff.service?.unified, result.diff.taskDefinition.unified].filter(Boolean).join('\n') : '';
    const text =
      result.status === 'dry-run'
        ? `${diffText || 'no change in the definitions'}\ndry run: nothing was changed`
        : `${result.service}: ${result.status === 'deployed' ? 'deployed' : 'deployment started'} ${result.taskDefinitionArn?.replace(/^.*task-definition\//, '') ?? ''}`;
    host.result(text, result);
    return 0;
  },
};
