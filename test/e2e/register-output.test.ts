// E2E (ecspresso parity): `register --output` alone prints the registered task definition as JSON, as ecspresso does;
// `--output json` keeps printing cortado's result object, and a plain `register` prints the ARN.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type E2E, startE2E } from './e2e-harness.js';

let e: E2E;
let dir: string;
const cortado = (args: string[]) => e.cli(args, { cwd: dir });

before(async () => {
  e = await startE2E();
  dir = mkdtempSync(join(tmpdir(), 'cortado-e2e-register-'));
  writeFileSync(join(dir, 'ecspresso.yml'), `region: ${e.sandbox.region}\ncluster: default\ntask_definition: ecs-task-def.json\n`);
  writeFileSync(
    join(dir, 'ecs-task-def.json'),
    JSON.stringify({ family: 'reg', containerDefinitions: [{ name: 'app', image: 'cortado/demo-app:v1', memory: 128 }] }),
  );
});

after(async () => {
  await e?.close();
});

test('register --output prints the registered task definition; --output json the result; plain register the ARN', async () => {
  const bare = await cortado(['register', '--output']);
  assert.equal(bare.code, 0, bare.stderr);
  const td = bare.json<{ taskDefinitionArn: string; revision: number; status: string; family: string }>();
  assert.equal(td.family, 'reg');
  assert.equal(td.revision, 1);
  assert.equal(td.status, 'ACTIVE');
  const json = await cortado(['register', '--output', 'json']);
  assert.equal(json.json<{ dryRun: boolean; taskDefinitionArn: string }>().taskDefinitionArn, td.taskDefinitionArn.replace(/:1$/, ':2'));
  const plain = await cortado(['register']);
  assert.match(plain.stdout.trim(), /task-definition\/reg:3$/);
  const dry = await cortado(['register', '--output', '--dry-run']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.equal(dry.json<{ family: string }>().family, 'reg');
  assert.ok(!dry.calls.some((c) => c.operation === 'RegisterTaskDefinition'), '--dry-run registers nothing');
  const bad = await cortado(['register', '--output', 'yaml']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--output expects text or json, got "yaml"/);
  await e.assertIamCoverage();
});
