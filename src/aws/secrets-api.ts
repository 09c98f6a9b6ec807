// The Secrets Manager call we make: `secretsmanager_arn` resolves a name to its ARN, `verify` checks a secret exists.
import type * as sm from '@aws-sdk/client-secrets-manager';
import type { Call, OperationsOf } from './bind-commands.js';
import type { SeamSpec } from './create-seam.js';

export interface SecretsApi {
  readonly describeSecret: Call<sm.DescribeSecretCommandInput, sm.DescribeSecretCommandOutput>;
  readonly getSecretValue: Call<sm.GetSecretValueCommandInput, sm.GetSecretValueCommandOutput>;
}

export const SECRETS_SEAM: SeamSpec<SecretsApi> = {
  service: 'secretsmanager',
  clientName: 'SecretsManagerClient',
  load: () => import('@aws-sdk/client-secrets-manager'),
  operations: { DescribeSecret: true, GetSecretValue: true } satisfies OperationsOf<SecretsApi>,
};
