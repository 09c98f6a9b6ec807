// The factory of every AWS seam: clients are built on first use, once, from one resolved configuration.
import type { AutoScalingApi } from './autoscaling-api.js';
import type { AwsSettings, ResolvedAwsSettings } from './aws-settings.js';
import { resolveAwsSettings } from './aws-settings.js';
import type { ClientConfig } from './client-config.js';
import type { EcrApi } from './ecr-api.js';
import type { EcsApi } from './ecs-api.js';
import type { Elbv2Api } from './elbv2-api.js';
import type { LogsApi } from './logs-api.js';
import type { S3Api } from './s3-api.js';
import type { SecretsApi } from './secrets-api.js';
import type { SsmApi } from './ssm-api.js';
import type { StsApi } from './sts-api.js';

export interface AwsClients {
  readonly settings: ResolvedAwsSettings;
  ecs(): Promise<EcsApi>;
  logs(): Promise<LogsApi>;
  ssm(): Promise<SsmApi>;
  secrets(): Promise<SecretsApi>;
  s3(): Promise<S3Api>;
  sts(): Promise<StsApi>;
  autoScaling(): Promise<AutoScalingApi>;
  elbv2(): Promise<Elbv2Api>;
  /** ECR in `region` (an image may live in another region than the service). */
  ecr(region?: string): Promise<EcrApi>;
  /** Closes the sockets of the clients built so far (optional: fakes need not). */
  close?(): void;
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= make());
}

export function createAwsClients(settings: AwsSettings, env: Readonly<Record<string, string | undefined>> = process.env): AwsClients {
  const resolved = resolveAwsSettings(settings, env);
  const config = once<ClientConfig>(async () => (await import('./client-config.js')).buildClientConfig(resolved));
  const ecr = new Map<string, Promise<EcrApi>>();
  return {
    settings: resolved,
    ecs: once(async () => (await import('./ecs-api.js')).createEcsApi(await config())),
    logs: once(async () => (await import('./logs-api.js')).createLogsApi(await config())),
    ssm: once(async () => (await import('./ssm-api.js')).createSsmApi(await config())),
    secrets: once(async () => (await import('./secrets-api.js')).createSecretsApi(await config())),
    s3: once(async () => (await import('./s3-api.js')).createS3Api(await config())),
    sts: once(async () => (await import('./sts-api.js')).createStsApi(await config())),
    autoScaling: once(async () => (await import('./autoscaling-api.js')).createAutoScalingApi(await config())),
    elbv2: once(async () => (await import('./elbv2-api.js')).createElbv2Api(await config())),
    ecr(region) {
      const key = region ?? '';
      let p = ecr.get(key);
      if (!p) {
        p = (async () => (await import('./ecr-api.js')).createEcrApi(await config(), region))();
        ecr.set(key, p);
      }
      return p;
    },
  };
}
