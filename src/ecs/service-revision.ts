// What a service's running revision holds that DescribeServices does not report (its monitoring configuration).
import type { Service, ServiceRevision } from '@aws-sdk/client-ecs';
import type { EcsApi } from '../aws/ecs-api.js';

type RevisionApi = Pick<EcsApi, 'describeServiceDeployments' | 'describeServiceRevisions'>;

/**
 * The revision the service runs: its current service deployment's target, or the revision a rollback of that deployment
 * restored. Undefined when the service reports no service deployment (older services, CODE_DEPLOY task sets).
 */
export async function currentServiceRevision(ecs: RevisionApi, svc: Service, signal?: AbortSignal): Promise<ServiceRevision | undefined> {
  const sdArn = svc.currentServiceDeployment;
  if (!sdArn) return undefined;
  const sd = (await ecs.describeServiceDeployments({ serviceDeploymentArns: [sdArn] }, signal)).serviceDeployments?.[0];
  const arn = sd?.status === 'ROLLBACK_SUCCESSFUL' ? sd.rollback?.serviceRevisionArn : sd?.targetServiceRevision?.arn;
  if (!arn) return undefined;
  return (await ecs.describeServiceRevisions({ serviceRevisionArns: [arn] }, signal)).serviceRevisions?.[0];
}
