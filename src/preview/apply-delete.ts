// Carries out a delete plan, tolerating pieces that are already gone; races with a concurrent create are left for the next pass.
import { awsErrorCode } from '../aws/aws-call.js';
import { isAwsError } from './aws-codes.js';
import { msg } from '../core/io-host.js';
import type { DeleteStep } from './delete-plan.js';
import type { PreviewDeps } from './preview-deps.js';
import { runSteps } from './run-steps.js';

export interface DeletePass {
  /** Some piece could not go yet (a rule appeared, a record changed): find and delete again. */
  readonly again: boolean;
  readonly deleted: number;
}

/** AWS codes that mean "already gone" for the call that got them. */
const GONE: Readonly<Record<DeleteStep['kind'], readonly string[]>> = {
  'delete-service': ['ServiceNotFoundException', 'ServiceNotActiveException'],
  'delete-rule': ['RuleNotFound'],
  'delete-records': [],
  'deregister-task-definition': ['ClientException'],
  'delete-task-definitions': [],
  'delete-target-group': ['TargetGroupNotFound'],
};

/** Codes that mean "changed under us": another pass reads the new state and tries again. */
const RACED = new Set(['ResourceInUse', 'InvalidChangeBatch', 'PriorRequestNotComplete']);

export async function applyDelete(deps: PreviewDeps, steps: readonly DeleteStep[], signal: AbortSignal): Promise<DeletePass> {
  const { aws } = deps;
  let again = false;
  let deleted = 0;
  const call = async (step: DeleteStep, s: AbortSignal): Promise<void> => {
    switch (step.kind) {
      case 'delete-service':
        await aws.ecs.deleteService({ cluster: step.cluster, service: step.arn, force: true }, s);
        return;
      case 'delete-rule':
        await aws.elb.deleteRule({ RuleArn: step.arn }, s);
        return;
      case 'delete-records':
        await aws.route53.changeResourceRecordSets(
          {
            HostedZoneId: step.zoneId,
            ChangeBatch: {
              Comment: 'cortado env delete',
              Changes: step.recordSets.map((r) => ({ Action: 'DELETE', ResourceRecordSet: r as never })),
            },
          },
          s,
        );
        return;
      case 'deregister-task-definition':
        await aws.ecs.deregisterTaskDefinition({ taskDefinition: step.arn }, s);
        return;
      case 'delete-task-definitions':
        // Failures name revisions already deleted or not yet INACTIVE; the next pass sees what is left.
        if (
          (await aws.ecs.deleteTaskDefinitions({ taskDefinitions: [...step.arns] }, s)).failures?.some(
            (f) => f.reason !== 'TASK_DEFINITION_NOT_FOUND',
          )
        )
          again = true;
        return;
      case 'delete-target-group':
        await aws.elb.deleteTargetGroup({ TargetGroupArn: step.arn }, s);
        return;
    }
  };
  await runSteps(
    steps,
    async (step, s) => {
      try {
        await call(step, s);
        deleted++;
        deps.io.notify(
          msg(
            'debug',
            'ENV_DELETE_STEP',
            `${step.kind} ${step.kind === 'delete-records' ? step.name : 'arn' in step ? step.arn : ''}`.trim(),
            { step: step.id },
          ),
        );
      } catch (e) {
        const code = awsErrorCode(e) ?? '';
        if (isAwsError(e, ...GONE[step.kind])) return;
        if (isAwsError(e, ...RACED)) {
          again = true;
          deps.io.notify(
            msg('debug', 'ENV_DELETE_RACED', `${step.kind}: ${code}; another pass will read the new state`, { step: step.id, code }),
          );
          return;
        }
        throw e;
      }
    },
    signal,
  );
  return { again, deleted };
}
