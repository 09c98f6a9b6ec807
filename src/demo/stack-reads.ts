// The demo stack's reads: waiting for a service to run its tasks, and the sandbox's local URL of a listener.
import type { EcsApi } from '../aws/ecs-api.js';
import type { Clock } from '../core/clock.js';
import { TimeoutError } from '../core/errors.js';

/** Waits for the service's rollout to complete with all tasks running (the demo's own wait). */
export async function waitStable(
  ecsApi: EcsApi,
  cluster: string,
  service: string,
  clock: Clock,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<void> {
  const deadline = clock.now().getTime() + timeoutMs;
  for (;;) {
    const svc = (await ecsApi.describeServices({ cluster, services: [service] }, signal)).services?.[0];
    const primary = svc?.deployments?.find((d) => d.status === 'PRIMARY');
    if (primary?.rolloutState === 'COMPLETED' && svc?.runningCount === svc?.desiredCount) return;
    if (clock.now().getTime() > deadline) throw new TimeoutError(`service ${service} reaching its desired count`, timeoutMs);
    await clock.sleep(200, signal);
  }
}

/** The sandbox's map from listener to local port (`GET /_cortado/elbv2/listeners`); in AWS this is the ALB's DNS name. */
export async function listenerUrl(endpoint: string, listenerArn: string, signal: AbortSignal): Promise<string> {
  const res = await fetch(`${endpoint}/_cortado/elbv2/listeners`, { signal });
  const body = (await res.json()) as { listeners?: { listenerArn: string; url: string }[] } | { listenerArn: string; url: string }[];
  const list = Array.isArray(body) ? body : (body.listeners ?? []);
  const hit = list.find((l) => l.listenerArn === listenerArn);
  if (!hit) throw new Error(`listener ${listenerArn} has no local port in the sandbox's listener map`);
  return hit.url;
}
