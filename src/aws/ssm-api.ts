// The SSM calls we make: the `ssm` template function and `verify` read parameters; `exec --port-forward` starts a session.
import type * as ssm from '@aws-sdk/client-ssm';
import type { Call, OperationsOf } from './bind-commands.js';
import type { SeamSpec } from './create-seam.js';

export interface SsmApi {
  readonly getParameter: Call<ssm.GetParameterCommandInput, ssm.GetParameterCommandOutput>;
  readonly startSession: Call<ssm.StartSessionCommandInput, ssm.StartSessionCommandOutput>;
}

export const SSM_SEAM: SeamSpec<SsmApi> = {
  service: 'ssm',
  clientName: 'SSMClient',
  load: () => import('@aws-sdk/client-ssm'),
  operations: { GetParameter: true, StartSession: true } satisfies OperationsOf<SsmApi>,
};
