// `verify` for an Express service (express_service_definition): the cluster, the task's roles and the infrastructure role
// ECS assumes to make the load balancer and scaling, the image, secrets, log group and a given task definition, as ecspresso does.
import { awsErrorCode } from '../aws/aws-call.js';
import type { DeployContext } from './deploy-context.js';
import { requireExpressDefinition } from './express-service.js';
import { describeTaskDefinition } from './task-definition-lookup.js';
import { type Check, ECS_SERVICE, ECS_TASKS, secretRef } from './verify-checks.js';
import { checkImage, checkRole, checkSecret, logGroupExists } from './verify-resources.js';
import type { VerifyOptions, VerifyResult } from './verify.js';

export async function verifyExpress(ctx: DeployContext, o: VerifyOptions = {}): Promise<VerifyResult> {
  const xd = await requireExpressDefinition(ctx);
  const checks: Check[] = [];
  const add = (name: string, status: Check['status'], detail: string) => {
    checks.push({ name, status, detail });
  };
  const name = ctx.config.cluster;
  const ecs = await ctx.aws.ecs();
  let active = false;
  try {
    const cl = await ecs.describeClusters({ clusters: [name] }, ctx.signal);
    active = Boolean(cl.clusters?.some((c) => c.status === 'ACTIVE'));
  } catch (e) {
    if (awsErrorCode(e) !== 'ClusterNotFoundException') throw e;
  }
  if (active) add(`cluster ${name}`, 'ok', 'ACTIVE');
  // CreateExpressGatewayService creates the default cluster when it does not exist; any other cluster must.
  else if (name === 'default') add(`cluster ${name}`, 'skipped', 'does not exist yet: ECS creates it with the Express service');
  else add(`cluster ${name}`, 'failed', 'not found (an Express service creates only the default cluster)');
  for (const [field, arn, principal] of [
    ['executionRoleArn', xd.executionRoleArn, ECS_TASKS],
    ['taskRoleArn', xd.taskRoleArn, ECS_TASKS],
    ['infrastructureRoleArn', xd.infrastructureRoleArn, ECS_SERVICE],
  ] as const) {
    if (!arn) continue;
    const r = await checkRole(ctx, arn, principal);
    add(`${field} ${arn}`, r.status, r.detail);
  }
  if (xd.taskDefinitionArn) {
    const td = await describeTaskDefinition(ctx, xd.taskDefinitionArn);
    const ok = td?.taskDefinition.status === 'ACTIVE';
    add(`taskDefinitionArn ${xd.taskDefinitionArn}`, ok ? 'ok' : 'failed', ok ? 'ACTIVE' : td ? 'INACTIVE' : 'not found');
  }
  const pc = xd.primaryContainer;
  if (pc) {
    const img = await checkImage(ctx, pc.image);
    add(`image ${pc.image}`, img.status, img.detail);
    for (const s of pc.secrets ?? []) {
      if (!s.valueFrom) continue;
      const r = await checkSecret(ctx, secretRef(s.valueFrom), o.getSecrets !== false);
      add(`secret ${s.valueFrom}`, r.status, r.detail);
    }
    const group = pc.awsLogsConfiguration?.logGroup;
    if (group) {
      const found = await logGroupExists(ctx, group);
      add(`log group ${group}`, found ? 'ok' : 'skipped', found ? 'exists' : 'does not exist yet: ECS creates it with the Express service');
    }
  }
  return { ok: checks.every((c) => c.status !== 'failed'), checks };
}
