// The AWS clients a command works with: the flags' region, profile, role and endpoint over the config's (one mapping for every command).
import { type AwsClients, createAwsClients } from '../aws/aws-clients.js';
import type { AwsCallObserver } from '../aws/bind-commands.js';
import type { SessionOptions } from './session-types.js';

/** What the config file may say about where calls go (a command without a config passes nothing). */
export interface ConfigAwsSettings {
  readonly region?: string | undefined;
  readonly assumeRoleArn?: string | undefined;
}

type ClientOptions = Pick<SessionOptions, 'env' | 'region' | 'profile' | 'assumeRoleArn' | 'endpoint'>;

export function sessionClients(opts: ClientOptions, config: ConfigAwsSettings = {}, observe?: AwsCallObserver): AwsClients {
  const region = opts.region ?? config.region;
  const assumeRoleArn = opts.assumeRoleArn ?? config.assumeRoleArn;
  return createAwsClients(
    {
      ...(region ? { region } : {}),
      ...(opts.profile ? { profile: opts.profile } : {}),
      ...(assumeRoleArn ? { assumeRoleArn } : {}),
      ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    },
    opts.env,
    observe,
  );
}
