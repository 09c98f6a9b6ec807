// The campaign's own view of AWS: plain SDK clients on the sandbox (not cortado's seams), with retries enough to see through
// the injected faults, and a settle loop for checks that read eventually consistent state.
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { Route53Client } from '@aws-sdk/client-route-53';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import type { CliTarget } from './cli.js';

export const CHECKER_KEY = 'AKIARELCHK0000000001';

export interface Aws {
  readonly ecs: ECSClient;
  readonly elb: ElasticLoadBalancingV2Client;
  readonly r53: Route53Client;
  readonly scheduler: SchedulerClient;
  readonly events: EventBridgeClient;
  readonly iam: IAMClient;
  readonly logs: CloudWatchLogsClient;
  readonly aas: ApplicationAutoScalingClient;
  destroy(): void;
}

export function awsFor(target: CliTarget): Aws {
  const config = {
    endpoint: target.endpoint,
    region: target.region,
    maxAttempts: 30,
    retryMode: 'adaptive' as const,
    credentials: { accessKeyId: CHECKER_KEY, secretAccessKey: 'cortado-reliability-secret' },
  };
  const clients = {
    ecs: new ECSClient(config),
    elb: new ElasticLoadBalancingV2Client(config),
    r53: new Route53Client(config),
    scheduler: new SchedulerClient(config),
    events: new EventBridgeClient(config),
    iam: new IAMClient(config),
    logs: new CloudWatchLogsClient(config),
    aas: new ApplicationAutoScalingClient(config),
  };
  return {
    ...clients,
    destroy: () => {
      for (const c of Object.values(clients)) c.destroy();
    },
  };
}

/**
 * Runs `check` (which lists what is wrong) until it lists nothing or `withinMs` passed; returns the last list. AWS is
 * eventually consistent and ECS stops tasks asynchronously: an end state is judged once it had time to settle.
 */
export async function settle(check: () => Promise<readonly string[]>, withinMs = 20_000, everyMs = 500): Promise<readonly string[]> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    let problems: readonly string[];
    try {
      problems = await check();
    } catch (e) {
      problems = [`check failed: ${e instanceof Error ? e.message : String(e)}`];
    }
    if (problems.length === 0 || Date.now() > deadline) return problems;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
