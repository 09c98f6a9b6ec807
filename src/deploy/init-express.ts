// `init` of an Express service: the Express service definition as DescribeExpressGatewayService reports its active
// configuration (ecspresso's express_definition), so `diff` starts empty and `deploy` updates the service from the file.
import type { Service } from '@aws-sdk/client-ecs';
import type { EcsApi } from '../aws/ecs-api.js';
import { prune } from '../diff/prune.js';
import { expressAsDefinition } from './express-service.js';

/** Pure: an Express service as its definition file: the fields ECS filled in kept (diff is then empty), the task definition ECS
 * registered from primaryContainer left out (a taskDefinitionArn in the file would pin it). */
export function expressInitDefinition(def: Readonly<Record<string, unknown>>): unknown {
  const { taskDefinitionArn, ...rest } = def;
  return prune(rest.primaryContainer ? rest : { ...rest, taskDefinitionArn });
}

/** The definition file's content for the Express service behind `svc`. */
export async function describeExpressForInit(
  ecs: Pick<EcsApi, 'describeExpressGatewayService'>,
  svc: Service,
  signal?: AbortSignal,
): Promise<unknown> {
  const out = await ecs.describeExpressGatewayService({ serviceArn: svc.serviceArn!, include: ['TAGS'] }, signal);
  return expressInitDefinition(expressAsDefinition(out.service ?? {}));
}
