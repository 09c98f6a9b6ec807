// The factory of every AWS seam: clients are built on first use, once, from one resolved configuration.
import type { AutoScalingApi } from './autoscaling-api.js';
import type { AwsSettings, ResolvedAwsSettings } from './aws-settings.js';
import { resolveAwsSettings } from './aws-settings.js';
import type { AwsCallObserver } from './bind-commands.js';
import type { ClientConfig } from './client-config.js';
import type { CloudWatchApi } from './cloudwatch-api.js';
import type { CodeDeployApi } from './codedeploy-api.js';
import type { BuiltSeam, SeamSpec } from './create-seam.js';
import type { EcrApi } from './ecr-api.js';
import type { EcsApi } from './ecs-api.js';
import type { Elbv2Api } from './elbv2-api.js';
import type { EventsApi } from './events-api.js';
import type { IamApi } from './iam-api.js';
import type { LogsApi } from './logs-api.js';
import type { Route53Api } from './route53-api.js';
import type { S3Api } from './s3-api.js';
import type { SchedulerApi } from './scheduler-api.js';
import type { SecretsApi } from './secrets-api.js';
import type { SsmApi } from './ssm-api.js';
import type { StsApi } from './sts-api.js';

export interface AwsClients {
  readonly settings: ResolvedAwsSettings;
  ecs(): Promise<EcsApi>;
  elbv2(): Promise<Elbv2Api>;
  cloudwatch(): Promise<CloudWatchApi>;
  route53(): Promise<Route53Api>;
  logs(): Promise<LogsApi>;
  ssm(): Promise<SsmApi>;
  secrets(): Promise<SecretsApi>;
  s3(): Promise<S3Api>;
  sts(): Promise<StsApi>;
  autoScaling(): Promise<AutoScalingApi>;
  scheduler(): Promise<SchedulerApi>;
  events(): Promise<EventsApi>;
  iam(): Promise<IamApi>;
  codedeploy(): Promise<CodeDeployApi>;
  /** ECR in `region` (an image may live in another region than the service). */
  ecr(region?: string): Promise<EcrApi>;
  /**
   * The same account and settings, with clients that give throttling back to the caller after the usual attempts
   * instead of riding it out for minutes: for a controller that decides afresh at each poll (the autoscaler), where a
   * call retried for minutes would carry a stale decision. Optional: fakes need not.
   */
  surfacingThrottling?(): AwsClients;
  /** Closes the sockets of the clients built so far (optional: fakes need not). */
  close?(): void;
}

/**
 * Each seam module (and its SDK package) loads on first use only: `render` and `--help` never pay for the SDK.
 * `observe` sees every call (the CLI's --debug).
 */
export function createAwsClients(
  settings: AwsSettings,
  env: Readonly<Record<string, string | undefined>> = process.env,
  observe?: AwsCallObserver,
  surfaceThrottling = false,
): AwsClients {
  const resolved = resolveAwsSettings(settings, env);
  let surfacing: AwsClients | undefined;
  let config: Promise<ClientConfig> | undefined;
  const built: BuiltSeam<unknown>[] = [];
  const cache = new Map<string, Promise<unknown>>();
  const seam = <T>(key: string, spec: () => Promise<SeamSpec<T>>, region?: string): Promise<T> => {
    let p = cache.get(key) as Promise<T> | undefined;
    if (!p) {
      p = (async () => {
        config ??= import('./client-config.js').then((m) => m.buildClientConfig(resolved));
        const base = surfaceThrottling ? { ...(await config), throttledAttempts: resolved.maxAttempts } : await config;
        const b = await (await import('./create-seam.js')).createSeam(await spec(), region ? { ...base, region } : base, observe);
        built.push(b as BuiltSeam<unknown>);
        return b.seam;
      })();
      cache.set(key, p);
    }
    return p;
  };
  return {
    settings: resolved,
    ecs: () => seam('ecs', async () => (await import('./ecs-api.js')).ECS_SEAM),
    elbv2: () => seam('elbv2', async () => (await import('./elbv2-api.js')).ELBV2_SEAM),
    cloudwatch: () => seam('cloudwatch', async () => (await import('./cloudwatch-api.js')).CLOUDWATCH_SEAM),
    route53: () => seam('route53', async () => (await import('./route53-api.js')).ROUTE53_SEAM),
    logs: () => seam('logs', async () => (await import('./logs-api.js')).LOGS_SEAM),
    ssm: () => seam('ssm', async () => (await import('./ssm-api.js')).SSM_SEAM),
    secrets: () => seam('secrets', async () => (await import('./secrets-api.js')).SECRETS_SEAM),
    sts: () => seam('sts', async () => (await import('./sts-api.js')).STS_SEAM),
    autoScaling: () => seam('autoscaling', async () => (await import('./autoscaling-api.js')).AUTOSCALING_SEAM),
    scheduler: () => seam('scheduler', async () => (await import('./scheduler-api.js')).SCHEDULER_SEAM),
    events: () => seam('events', async () => (await import('./events-api.js')).EVENTS_SEAM),
    iam: () => seam('iam', async () => (await import('./iam-api.js')).IAM_SEAM),
    codedeploy: () => seam('codedeploy', async () => (await import('./codedeploy-api.js')).CODEDEPLOY_SEAM),
    ecr: (region) => seam(`ecr:${region ?? ''}`, async () => (await import('./ecr-api.js')).ECR_SEAM, region),
    async s3() {
      const m = await import('./s3-api.js');
      return m.s3Api(await seam('s3', async () => m.S3_SEAM));
    },
    surfacingThrottling() {
      return (surfacing ??= surfaceThrottling ? this : createAwsClients(settings, env, observe, true));
    },
    close() {
      for (const b of built.splice(0)) b.destroy();
      if (surfacing !== this) surfacing?.close?.();
    },
  };
}
