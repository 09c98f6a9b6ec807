// `env create --wait`: waits until the preview's deployment has finished and its targets pass the load balancer's health checks.
import { CortadoError } from '../core/errors.js';
import { msg } from '../core/io-host.js';
import type { PreviewDeps } from './preview-deps.js';
import { waitFor } from './wait-for.js';

export async function waitReady(
  deps: PreviewDeps,
  service: string,
  taskDefinitionArn: string,
  targetGroupArn: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<void> {
  const { aws, config } = deps;
  let last = '';
  await waitFor(
    deps.clock,
    { what: `preview ${service} to be running and healthy`, timeoutMs, everyMs: 250, maxEveryMs: 5000 },
    async () => {
      const [svc, health] = await Promise.all([
        aws.ecs.describeServices({ cluster: config.cluster, services: [service] }, signal).then((o) => o.services?.[0]),
        aws.elb.describeTargetHealth({ TargetGroupArn: targetGroupArn }, signal).then((o) => o.TargetHealthDescriptions ?? []),
      ]);
      const deployment = svc?.deployments?.find((d) => d.taskDefinition === taskDefinitionArn);
      if (deployment?.rolloutState === 'FAILED') {
        throw new CortadoError(
          'ENV_DEPLOYMENT_FAILED',
          `${service}: the deployment failed: ${deployment.rolloutStateReason ?? 'no reason given'}`,
          {
            source: 'aws',
            hint: `see the service events: aws ecs describe-services --cluster ${config.cluster} --services ${service}`,
          },
        );
      }
      const healthy = health.filter((h) => h.TargetHealth?.State === 'healthy').length;
      const desired = svc?.desiredCount ?? 0;
      const status = `${svc?.runningCount ?? 0}/${desired} running, ${healthy} healthy`;
      if (status !== last)
        deps.io.notify(msg('info', 'ENV_WAITING', `${service}: ${status}`, { running: svc?.runningCount ?? 0, desired, healthy }));
      last = status;
      const done =
        deployment?.status === 'PRIMARY' &&
        (deployment.rolloutState === undefined || deployment.rolloutState === 'COMPLETED') &&
        (svc?.runningCount ?? 0) >= desired &&
        healthy >= desired;
      return done ? true : undefined;
    },
    signal,
  );
}
