// `verify`: checks what the definitions depend on exists (cluster, images, secrets, log groups, target groups) before a deploy.
import { awsErrorCode } from '../aws/aws-call.js';
import type { DeployContext } from './deploy-context.js';
import { type Check, ECS_TASKS, loadBalancerMismatches, parseEcrImage, ROLE_ARN, secretsOf, trustsEcsTasks } from './verify-checks.js';

export interface VerifyResult {
  readonly ok: boolean;
  readonly checks: readonly Check[];
}

const failure = (e: unknown) => (e instanceof Error ? e.message : String(e));

export interface VerifyOptions {
  /** false (--no-get-secrets): the secrets the task definition names are not read (reported skipped). */
  readonly getSecrets?: boolean;
}

/** The role exists and its trust policy lets ECS tasks assume it (what ECS needs to start the task with it). */
async function checkRole(ctx: DeployContext, arn: string): Promise<Pick<Check, 'status' | 'detail'>> {
  const name = arn.slice(arn.lastIndexOf('/') + 1);
  try {
    const out = await (await ctx.aws.iam()).getRole({ RoleName: name }, ctx.signal);
    const doc = out.Role?.AssumeRolePolicyDocument;
    if (doc === undefined) return { status: 'failed', detail: 'the role has no trust policy' };
    return trustsEcsTasks(JSON.parse(decodeURIComponent(doc)))
      ? { status: 'ok', detail: `exists; trusted by ${ECS_TASKS}` }
      : { status: 'failed', detail: `its trust policy does not let ${ECS_TASKS} assume it (sts:AssumeRole)` };
  } catch (e) {
    const code = awsErrorCode(e);
    if (code === 'NoSuchEntity' || code === 'NoSuchEntityException') return { status: 'failed', detail: 'not found' };
    if (code === 'AccessDenied' || code === 'AccessDeniedException')
      return { status: 'skipped', detail: 'not checked: iam:GetRole is not allowed for these credentials' };
    return { status: 'failed', detail: failure(e) };
  }
}

export async function verify(ctx: DeployContext, o: VerifyOptions = {}): Promise<VerifyResult> {
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
    if (!ROLE_ARN.test(arn)) {
      add(`${field} ${arn}`, 'failed', 'not an IAM role ARN');
      continue;
    }
    const role = await checkRole(ctx, arn);
    add(`${field} ${arn}`, role.status, role.detail);
  }
  for (const c of td.containerDefinitions ?? []) {
    const ecr = c.image ? parseEcrImage(c.image) : undefined;
    if (!ecr) {
      add(`image ${c.image}`, 'skipped', 'not in ECR: not checked');
      continue;
    }
    try {
      const api = await ctx.aws.ecr(ecr.region);
      const out = await api.describeImages(
        {
          registryId: ecr.registryId,
          repositoryName: ecr.repository,
          imageIds: [ecr.digest ? { imageDigest: ecr.digest } : { imageTag: ecr.tag! }],
        },
        ctx.signal,
      );
      add(`image ${c.image}`, out.imageDetails?.length ? 'ok' : 'failed', out.imageDetails?.length ? 'exists' : 'not found');
    } catch (e) {
      add(`image ${c.image}`, 'failed', awsErrorCode(e) === 'ImageNotFoundException' ? 'not found' : failure(e));
    }
  }
  for (const s of secretsOf(td.containerDefinitions ?? [])) {
    if (o.getSecrets === false) {
      add(`secret ${s.from}`, 'skipped', 'not read (--no-get-secrets)');
      continue;
    }
    try {
      if (s.kind === 'ssm') await (await ctx.aws.ssm()).getParameter({ Name: s.name }, ctx.signal);
      else await (await ctx.aws.secrets()).describeSecret({ SecretId: s.secretId }, ctx.signal);
      add(`secret ${s.from}`, 'ok', 'readable');
    } catch (e) {
      add(`secret ${s.from}`, 'failed', failure(e));
    }
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
    const out = await (await ctx.aws.logs()).describeLogGroups({ logGroupNamePrefix: g }, ctx.signal);
    const found = out.logGroups?.some((x) => x.logGroupName === g);
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
