// The Secrets Manager calls we make: `secretsmanager_arn` resolves a name to its ARN, `verify` checks a secret exists.
import type * as sm from '@aws-sdk/client-secrets-manager';
import { awsCall } from './aws-call.js';
import type { ClientConfig } from './client-config.js';

type Call<I, O> = (input: I, signal?: AbortSignal) => Promise<O>;

export interface SecretsApi {
  readonly describeSecret: Call<sm.DescribeSecretCommandInput, sm.DescribeSecretCommandOutput>;
}

export async function createSecretsApi(config: ClientConfig): Promise<SecretsApi> {
  const sdk = await import('@aws-sdk/client-secrets-manager');
  const client = new sdk.SecretsManagerClient(config);
  return {
    describeSecret: (i, s) => awsCall('DescribeSecret', () => client.send(new sdk.DescribeSecretCommand(i), s ? { abortSignal: s } : {})),
  };
}
