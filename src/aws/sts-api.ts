// The STS call we make: who we are (account id for ARNs and `verify`).
import type * as sts from '@aws-sdk/client-sts';
import type { Call, OperationsOf } from './bind-commands.js';
import type { SeamSpec } from './create-seam.js';

export interface StsApi {
  readonly getCallerIdentity: Call<sts.GetCallerIdentityCommandInput, sts.GetCallerIdentityCommandOutput>;
}

export const STS_SEAM: SeamSpec<StsApi> = {
  service: 'sts',
  clientName: 'STSClient',
  load: () => import('@aws-sdk/client-sts'),
  operations: { GetCallerIdentity: true } satisfies OperationsOf<StsApi>,
};
