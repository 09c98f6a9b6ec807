// Which port a per-task source polls: the one it names, else the container port of the service's load balancer (the
// documented default); a CloudWatch source polls no task port.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AutoscaleEcs } from '../../src/autoscale/autoscale-aws.js';
import { parseAutoscaleConfig } from '../../src/autoscale/config/autoscale-config.js';
import { observe } from '../../src/autoscale/observe.js';
import type { createTaskDiscovery } from '../../src/autoscale/task-discovery.js';

const service = {
  serviceName: 'web',
  serviceArn: 'arn:aws:ecs:us-east-1:000000000000:service/c/web',
  status: 'ACTIVE',
  desiredCount: 2,
  runningCount: 2,
  loadBalancers: [{ targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/1', containerPort: 8080 }],
};
const ecs = { describeServices: async () => ({ services: [service] }) } as unknown as Pick<AutoscaleEcs, 'describeServices'>;

async function portPolled(source: Record<string, unknown>): Promise<number | undefined> {
  const spec = parseAutoscaleConfig({ service: 'web', source, target: 10 }, { cluster: 'c' });
  const asked: Array<number | undefined> = [];
  const discovery = {
    running: async (_: string, port: number | undefined) => (asked.push(port), []),
  } as unknown as ReturnType<typeof createTaskDiscovery>;
  const source$ = { kind: spec.source.kind, unit: 'x', read: async () => ({ tasks: [] }) };
  await observe(spec, { ecs, discovery, source: source$, now: () => 0 }, new AbortController().signal);
  return asked[0];
}

test('a per-task source without a port polls the container port of the service load balancer', async () => {
  assert.equal(await portPolled({ kind: 'prometheus', metric: 'http_requests_total', rate: true }), 8080);
  assert.equal(await portPolled({ kind: 'nginx' }), 8080);
  assert.equal(await portPolled({ kind: 'json', query: 'load' }), 8080);
});

test('a port in the source wins; a CloudWatch source polls none', async () => {
  assert.equal(await portPolled({ kind: 'nginx', port: 9113 }), 9113);
  assert.equal(await portPolled({ kind: 'ecs', metric: 'CPUUtilization' }), undefined);
});
