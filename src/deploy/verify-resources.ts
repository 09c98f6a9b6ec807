// The checks `verify` makes against AWS, one resource each (a role, an image, a secret, a log group), for task definitions
// and Express service definitions alike.
import { awsErrorCode } from '../aws/aws-call.js';
import type { DeployContext } from './deploy-context.js';
import { type Check, parseEcrImage, ROLE_ARN, type SecretRef, trustsService } from './verify-checks.js';

export type Outcome = Pick<Check, 'status' | 'detail'>;

const failure = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The role exists and its trust policy lets `principal` assume it (what ECS needs to use it). */
export async function checkRole(ctx: DeployContext, arn: string, principal: string): Promise<Outcome> {
  if (!ROLE_ARN.test(arn)) return { status: 'failed', detail: 'not an IAM role ARN' };
  const name = arn.slice(arn.lastIndexOf('/') + 1);
  try {
    const out = await (await ctx.aws.iam()).getRole({ RoleName: name }, ctx.signal);
    const doc = out.Role?.AssumeRolePolicyDocument;
    if (doc === undefined) return { status: 'failed', detail: 'the role has no trust policy' };
    return trustsService(JSON.parse(decodeURIComponent(doc)), principal)
      ? { status: 'ok', detail: `exists; trusted by ${principal}` }
      : { status: 'failed', detail: `its trust policy does not let ${principal} assume it (sts:AssumeRole)` };
  } catch (e) {
    const code = awsErrorCode(e);
    if (code === 'NoSuchEntity' || code === 'NoSuchEntityException') return { status: 'failed', detail: 'not found' };
    if (code === 'AccessDenied' || code === 'AccessDeniedException')
      return { status: 'skipped', detail: 'not checked: iam:GetRole is not allowed for these credentials' };
    return { status: 'failed', detail: failure(e) };
  }
}

/** An ECR image exists (DescribeImages); images in other registries are not checked. */
export async function checkImage(ctx: DeployContext, image: string | undefined): Promise<Outcome> {
  const ecr = image ? parseEcrImage(image) : undefined;
  if (!ecr) return { status: 'skipped', detail: 'not in ECR: not checked' };
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
    return out.imageDetails?.length ? { status: 'ok', detail: 'exists' } : { status: 'failed', detail: 'not found' };
  } catch (e) {
    return { status: 'failed', detail: awsErrorCode(e) === 'ImageNotFoundException' ? 'not found' : failure(e) };
  }
}

/** A secret or SSM parameter can be read (skipped with --no-get-secrets). */
export async function checkSecret(ctx: DeployContext, s: SecretRef, getSecrets: boolean): Promise<Outcome> {
  if (!getSecrets) return { status: 'skipped', detail: 'not read (--no-get-secrets)' };
  try {
    if (s.kind === 'ssm') await (await ctx.aws.ssm()).getParameter({ Name: s.name }, ctx.signal);
    else await (await ctx.aws.secrets()).describeSecret({ SecretId: s.secretId }, ctx.signal);
    return { status: 'ok', detail: 'readable' };
  } catch (e) {
    return { status: 'failed', detail: failure(e) };
  }
}

/** Whether a log group exists. */
export async function logGroupExists(ctx: DeployContext, group: string): Promise<boolean> {
  const out = await (await ctx.aws.logs()).describeLogGroups({ logGroupNamePrefix: group }, ctx.signal);
  return Boolean(out.logGroups?.some((x) => x.logGroupName === group));
}
