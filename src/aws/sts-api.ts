// The STS call we make: who we are (account id for ARNs and `verify`).
import type * as sts from '@aws-sdk/client-sts';
import { awsCall } from './aws-call.js';
import type { ClientConfig } from './client-config.js';

export interface StsApi {
  getCallerIdentity(signal?: AbortSignal): Promise<sts.GetCallerIdentityCommandOutput>;
}

export async function createStsApi(config: ClientConfig): Promise<StsApi> {
  const sdk = await import('@aws-sdk/client-sts');
  const client = new sdk.STSClient(config);
  return {
    getCallerIdentity: (s) => awsCall('GetCallerIdentity', () => client.send(new sdk.GetCallerIdentityCommand({}), s ? { abortSignal: s } : {})),
  };
}
