// The IAM calls cortado makes: the role EventBridge Scheduler assumes to run scheduled jobs (created once, its policy kept current).
import type * as iam from '@aws-sdk/client-iam';
import type { Call, OperationsOf } from './bind-commands.js';
import type { SeamSpec } from './create-seam.js';

export interface IamApi {
  readonly getRole: Call<iam.GetRoleCommandInput, iam.GetRoleCommandOutput>;
  readonly createRole: Call<iam.CreateRoleCommandInput, iam.CreateRoleCommandOutput>;
  readonly getRolePolicy: Call<iam.GetRolePolicyCommandInput, iam.GetRolePolicyCommandOutput>;
  readonly putRolePolicy: Call<iam.PutRolePolicyCommandInput, iam.PutRolePolicyCommandOutput>;
}

export const IAM_SEAM: SeamSpec<IamApi> = {
  service: 'iam',
  clientName: 'IAMClient',
  load: () => import('@aws-sdk/client-iam'),
  operations: { GetRole: true, CreateRole: true, GetRolePolicy: true, PutRolePolicy: true } satisfies OperationsOf<IamApi>,
};
