// `refresh`: a new deployment of the same task definition (fresh tasks, e.g. to pick up a new secret value).
import type { DeployContext } from './deploy-context.js';
import { deploy, type DeployResult } from './deploy.js';
import type { WaitUntil } from './watch-deployment.js';

export function refresh(
  ctx: DeployContext,
  o: { readonly dryRun?: boolean; readonly noWait?: boolean; readonly waitUntil?: WaitUntil } = {},
): Promise<DeployResult> {
  // As ecspresso's refresh: the service definition is not applied (its desiredCount would undo a scale).
  return deploy(ctx, { ...o, skipTaskDefinition: true, forceNewDeployment: true, updateService: false });
}
