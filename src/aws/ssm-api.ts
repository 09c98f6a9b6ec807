// The SSM Parameter Store calls we make: the `ssm` template function and `verify` read parameters.
import type * as ssm from '@aws-sdk/client-ssm';
import { awsCall } from './aws-call.js';
import type { ClientConfig } from './client-config.js';

type Call<I, O> = (input: I, signal?: AbortSignal) => Promise<O>;

export interface SsmApi {
  readonly getParameter: Call<ssm.GetParameterCommandInput, ssm.GetParameterCommandOutput>;
}

export async function createSsmApi(config: ClientConfig): Promise<SsmApi> {
  const sdk = await import('@aws-sdk/client-ssm');
  const client = new sdk.SSMClient(config);
  return {
    getParameter: (i, s) => awsCall('GetParameter', () => client.send(new sdk.GetParameterCommand(i), s ? { abortSignal: s } : {})),
  };
}
