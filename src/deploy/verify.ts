// `verify`: checks what the definitions depend on exists (cluster, images, secrets, log groups, target groups) before a deploy.
import type { DeployContext } from './deploy-context.js';
import { type Check, ECS_TASKS, loadBalancerMismatches, secretsOf } from './verify-checks.js';
import { checkImage, checkRole, checkSecret, logGroupExists } from './verify-resources.js';

export interface VerifyResult {
  readonly ok: boolean;
  readonly checks: readonly Check[];
}

const failure = (e: unknown) => (e instanceof Error ? e.message : String(e));

export interface VerifyOptions {
  /** false (--no-get-secrets): the secrets the task definition names are not read (reported skipped). */
  readonly getSecrets?: boolean;
}

export async function verify(ctx: DeployContext, o: VerifyOptions = {}): Promise<VerifyResult> {
  if (ctx.config.expressServiceDefinitionPath && !ctx.config.taskDefinitionPath)
    return (await import('./verify-express.js')).verifyExpress(ctx, o);
  const td = await ctx.taskDefinition();
  const sd = await ctx.serviceDefinition();
  const checks: Check[] = [];
  const add = (name: string, status: Check['status'], detail: string) => {
    checks.push({ name, status, detail });
  };
  const ecs = await ctx.aws.ecs();
  const cl = await ecs.describeClusters({ clusters: [ctx.config.cluster] }, ctx.signal);
  const cluster = cl.clusters?.find((c) => c.status === 'ACTIVE');
  add(`cluster ${ctx.config.cluster}`, cluster ? 'ok' : 'failed', cluster ? 'ACTIVE' : 'not found');
  for (const [field, arn] of [
    ['executionRoleArn', td.executionRoleArn],
    ['taskRoleArn', td.taskRoleArn],
  ] as const) {
    if (!arn) continue;
    const role = await checkRole(ctx, arn, ECS_TASKS);
    add(`${field} ${arn}`, role.status, role.detail);
  }
  for (const c of td.containerDefinitions ?? []) {
    const r = await checkImage(ctx, c.image);
    add(`image ${c.image}`, r.status, r.detail);
  }
  for (const s of secretsOf(td.containerDefinitions ?? [])) {
    const r = await checkSecret(ctx, s, o.getSecrets !== false);
    add(`secret ${s.from}`, r.status, r.detail);
  }
  const groups = new Set(
    (td.containerDefinitions ?? [])
      .filter((c) => c.logConfiguration?.logDriver === 'awslogs')
      .map((c) => c.logConfiguration!.options ?? {}),
  );
  for (const o of groups) {
    const g = o['awslogs-group'];
    if (!g) continue;
    if (o['awslogs-create-group'] === 'true') {
      add(`log group ${g}`, 'skipped', 'awslogs-create-group is true: created on first start');
      continue;
    }
    const found = await logGroupExists(ctx, g);
    add(`log group ${g}`, found ? 'ok' : 'failed', found ? 'exists' : 'not found (create it, or set awslogs-create-group to "true")');
  }
  const lbs = sd?.loadBalancers ?? [];
  const tgArns = lbs.map((l) => l.targetGroupArn).filter((a): a is string => Boolean(a));
  if (tgArns.length) {
    try {
      const out = await (await ctx.aws.elbv2()).describeTargetGroups({ TargetGroupArns: tgArns }, ctx.signal);
      for (const tg of out.TargetGroups ?? []) {
        const bad = td.networkMode === 'awsvpc' && tg.TargetType !== 'ip';
        add(
          `target group ${tg.TargetGroupName}`,
          bad ? 'failed' : 'ok',
          bad ? `target type ${tg.TargetType}; awsvpc tasks need target type ip` : `exists (${tg.TargetType})`,
        );
      }
    } catch (e) {
      add(`target groups ${tgArns.join(', ')}`, 'failed', failure(e));
    }
  }
  const mismatches = loadBalancerMismatches(td, lbs);
  if (lbs.length)
    add('load balancer container/port', mismatches.length ? 'failed' : 'ok', mismatches.join('; ') || 'match the task definition');
  return { ok: checks.every((c) => c.status !== 'failed'), checks };
}
