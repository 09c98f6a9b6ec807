// ECS is eventually consistent: a revision deploy registers may be invisible to CreateService/UpdateService for a moment.
// Against a sandbox with a read-after-write delay, deploy still creates, then updates, the service (exit 0).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CreateClusterCommand, DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { type E2E, freePortGuess, startE2E } from './e2e-harness.js';

let e: E2E;
let dir: string;
const td = (tag: string) => ({
  family: 'consistent',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  containerDefinitions: [
    { name: 'app', image: `cortado/demo-app:${tag}`, essential: true, portMappings: [{ containerPort: freePortGuess() }] },
  ],
});

before(async () => {
  e = await startE2E({ consistencyDelayMs: 1500 });
  // The cluster must be visible before the run starts (only the revision deploy registers is under test).
  await e.ecs.send(new CreateClusterCommand({ clusterName: 'cons' }));
  await new Promise((r) => setTimeout(r, 1600));
  dir = mkdtempSync(join(tmpdir(), 'cortado-e2e-consistency-'));
  writeFileSync(
    join(dir, 'cortado.yml'),
    'region: us-east-1\ncluster: cons\nservice: api\ntask_definition: td.json\nservice_definition: sd.json\n',
  );
  writeFileSync(
    join(dir, 'sd.json'),
    JSON.stringify({
      desiredCount: 1,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0a'], securityGroups: ['sg-0a'] } },
    }),
  );
});

after(async () => {
  await e?.close();
});

test('deploy creates, then updates, a service with a revision registered a moment before', { timeout: 180_000 }, async () => {
  for (const tag of ['v1', 'v2']) {
    writeFileSync(join(dir, 'td.json'), JSON.stringify(td(tag)));
    const r = await e.cli(['deploy', '--poll-interval', '200ms', '--timeout', '2m', '--output', 'json'], { cwd: dir });
    assert.equal(r.code, 0, `${tag}: ${r.stdout}\n${r.stderr}`);
    const arn = r.json<{ taskDefinitionArn: string }>().taskDefinitionArn;
    await new Promise((res) => setTimeout(res, 1600));
    const s = (await e.ecs.send(new DescribeServicesCommand({ cluster: 'cons', services: ['api'] }))).services?.[0];
    assert.equal(s?.taskDefinition, arn);
  }
});
