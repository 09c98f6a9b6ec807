// E2E (ecspresso parity): verify, register, init, rollback and deregister for an Express Mode service (a config with
// express_definition and no task definition), as ecspresso does them: verify checks the roles (the infrastructure role
// trusted by ecs.amazonaws.com), secrets and the cluster ECS creates; register has nothing to register; init writes the
// Express service definition; rollback stops the deployment in progress and nothing else; deregister cleans the family
// ECS registers the service's revisions in. Every call is covered by `cortado iam-policy`.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { DescribeServicesCommand, DescribeTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { diffBody, type E2E, freePortGuess, startE2E } from './e2e-harness.js';

let e: E2E;
let dir: string;
const port = freePortGuess();
const FAST = ['--poll-interval', '150ms', '--timeout', '3m'];
const ROLE = (name: string) => `arn:aws:iam::000000000000:role/${name}`;

const definition = (o: { infra?: string; secret?: string; env?: Record<string, string> } = {}) => ({
  infrastructureRoleArn: ROLE(o.infra ?? 'ecsInfrastructureRoleForExpressServices'),
  executionRoleArn: ROLE('ecsTaskExecutionRole'),
  healthCheckPath: '/',
  primaryContainer: {
    image: 'cortado/demo-app:{{ must_env `IMAGE_TAG` }}',
    containerPort: port,
    environment: Object.entries({ MODE: 'express', ...o.env }).map(([name, value]) => ({ name, value })),
    secrets: [{ name: 'TOKEN', valueFrom: o.secret ?? '/web/token' }],
  },
  scalingTarget: { minTaskCount: 1, maxTaskCount: 2 },
});
const writeDef = (o: Parameters<typeof definition>[0] = {}) =>
  writeFileSync(join(dir, 'ecs-express-def.json'), JSON.stringify(definition(o), null, 2));
const cortado = (args: string[], tag = 'v1') => e.cli(args, { cwd: dir, env: { IMAGE_TAG: tag } });
const described = async () => (await e.ecs.send(new DescribeServicesCommand({ services: ['web'] }))).services?.[0];
const tdStatus = async (ref: string) =>
  (await e.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: ref }))).taskDefinition?.status;

before(async () => {
  e = await startE2E();
  dir = mkdtempSync(join(tmpdir(), 'cortado-e2e-express-cmds-'));
  writeFileSync(
    join(dir, 'ecspresso.yml'),
    `region: ${e.sandbox.region}\ncluster: default\nservice: web\nexpress_definition: ecs-express-def.json\n`,
  );
  writeDef();
  const iam = new IAMClient({ endpoint: e.sandbox.endpoint, region: e.sandbox.region, credentials: e.ecs.config.credentials });
  const role = (name: string, principal: string) =>
    iam.send(
      new CreateRoleCommand({
        RoleName: name,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: principal }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
  await role('ecsTaskExecutionRole', 'ecs-tasks.amazonaws.com');
  await role('ecsInfrastructureRoleForExpressServices', 'ecs.amazonaws.com');
  await role('notForInfrastructure', 'ecs-tasks.amazonaws.com');
  iam.destroy();
  await e.ssm.send(new PutParameterCommand({ Name: '/web/token', Value: 's3cr3t', Type: 'SecureString' }));
});

after(async () => {
  await e?.close();
});

test('verify checks an Express service definition: the cluster ECS creates, the task and infrastructure roles, its secrets', async () => {
  const ok = await cortado(['verify']);
  assert.equal(ok.code, 0, `${ok.stdout}\n${ok.stderr}`);
  assert.match(ok.stdout, /^SKIP cluster default: does not exist yet: ECS creates it with the Express service$/m);
  assert.match(ok.stdout, /^OK {3}executionRoleArn \S+\/ecsTaskExecutionRole: exists; trusted by ecs-tasks\.amazonaws\.com$/m);
  assert.match(
    ok.stdout,
    /^OK {3}infrastructureRoleArn \S+\/ecsInfrastructureRoleForExpressServices: exists; trusted by ecs\.amazonaws\.com$/m,
  );
  assert.match(ok.stdout, /^OK {3}secret \/web\/token: readable$/m);
  assert.match(ok.stdout, /^SKIP image cortado\/demo-app:v1: not in ECR/m);
  const noSecrets = await cortado(['verify', '--no-get-secrets']);
  assert.equal(noSecrets.code, 0, noSecrets.stderr);
  assert.match(noSecrets.stdout, /^SKIP secret \/web\/token: not read \(--no-get-secrets\)$/m);
  assert.ok(!noSecrets.calls.some((c) => c.operation === 'GetParameter'));
  writeDef({ infra: 'notForInfrastructure', secret: '/web/missing' });
  const bad = await cortado(['verify']);
  assert.equal(bad.code, 1, `${bad.stdout}\n${bad.stderr}`);
  assert.match(
    bad.stdout,
    /^FAIL infrastructureRoleArn \S+\/notForInfrastructure: its trust policy does not let ecs\.amazonaws\.com assume it/m,
  );
  assert.match(bad.stdout, /^FAIL secret \/web\/missing: /m);
  assert.ok(!bad.calls.some((c) => c.mutating), 'verify changes nothing');
  writeDef();
});

test("register: an Express service's task definition is ECS's; exit 2 before any call, saying so", async () => {
  const r = await cortado(['register']);
  assert.equal(r.code, 2, `${r.stdout}\n${r.stderr}`);
  assert.match(
    r.stderr,
    /service web is an Express service: ECS registers its task definition from \S*ecs-express-def\.json on each deploy/,
  );
  assert.equal(r.calls.length, 0);
});

test('deploy v1 then v2: ECS registers web:1 and web:2', async () => {
  for (const tag of ['v1', 'v2']) {
    const r = await cortado(['deploy', ...FAST], tag);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  }
  assert.match((await described())?.taskDefinition ?? '', /task-definition\/web:2$/);
});

test('init from the running Express service writes express_definition and the definition; diff is then empty', async () => {
  const idir = mkdtempSync(join(tmpdir(), 'cortado-e2e-express-init-'));
  const r = await e.cli(['init', '--region', e.sandbox.region, '--cluster', 'default', '--service', 'web', '--config', 'ecspresso.yml'], {
    cwd: idir,
  });
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.ok(r.calls.some((c) => c.operation === 'DescribeExpressGatewayService'));
  assert.ok(!r.calls.some((c) => c.operation === 'DescribeTaskDefinition'), 'no task definition file for an Express service');
  const config = readFileSync(join(idir, 'ecspresso.yml'), 'utf8');
  assert.match(config, /^express_definition: ecs-express-def\.json$/m);
  assert.doesNotMatch(config, /task_definition|service_definition/);
  const xd = JSON.parse(readFileSync(join(idir, 'ecs-express-def.json'), 'utf8')) as Record<string, unknown> & {
    primaryContainer: { image: string; secrets: unknown[] };
  };
  assert.equal(xd.primaryContainer.image, 'cortado/demo-app:v2');
  assert.deepEqual(xd.primaryContainer.secrets, [{ name: 'TOKEN', valueFrom: '/web/token' }]);
  assert.equal(xd.infrastructureRoleArn, ROLE('ecsInfrastructureRoleForExpressServices'));
  assert.equal(xd.taskDefinitionArn, undefined, 'the task definition ECS registered is not pinned');
  const d = await e.cli(['diff'], { cwd: idir });
  assert.equal(d.code, 0, d.stderr);
  assert.deepEqual(diffBody(d.stdout), [], d.stdout);
  assert.match(d.stdout, /no difference/);
});

test('rollback stops the deployment in progress; with none it changes nothing (exit 2); --revision does not apply', async () => {
  const rev = await cortado(['rollback', '--revision', '1'], 'v2');
  assert.equal(rev.code, 2, rev.stderr);
  assert.match(rev.stderr, /--revision does not apply to Express service web/);
  assert.equal(rev.calls.length, 0);
  const none = await cortado(['rollback', ...FAST], 'v2');
  assert.equal(none.code, 2, `${none.stdout}\n${none.stderr}`);
  assert.match(
    none.stderr,
    /Express service web \(on web:2\) has no deployment in progress: rollback stops one with ROLLBACK; nothing changed/,
  );
  assert.ok(!none.calls.some((c) => c.mutating), 'nothing changed');
  assert.match((await described())?.taskDefinition ?? '', /task-definition\/web:2$/);
  // A revision whose tasks crash stays in flight (the Express service's deployment has no circuit breaker here).
  writeDef({ env: { EXIT_CODE: '3' } });
  const started = await cortado(['deploy', '--no-wait'], 'v3');
  assert.equal(started.code, 0, started.stderr);
  const r = await cortado(['rollback', ...FAST], 'v3');
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stderr, /stopped deployment \S+ of web:3 with ROLLBACK/);
  assert.ok(r.calls.some((c) => c.operation === 'StopServiceDeployment'));
  assert.match(r.stdout, /web: rolled back from web:3 to web:2; deregistered web:3/);
  assert.match((await described())?.taskDefinition ?? '', /task-definition\/web:2$/);
  assert.equal(await tdStatus('web:3'), 'INACTIVE');
  writeDef();
  const d = await cortado(['diff'], 'v2');
  assert.deepEqual(diffBody(d.stdout), [], `the Express configuration is v2's again:\n${d.stdout}`);
});

test('deregister cleans the family ECS registers the Express service in, keeping what runs', async () => {
  const r = await cortado(['deregister', '--keeps', '0', '--force'], 'v2');
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stderr, /Express service web: ECS registers its revisions in family web/);
  assert.match(r.stdout, /^deregistered: web:1$/m);
  assert.match(r.stdout, /^in use: web:2$/m);
  assert.equal(await tdStatus('web:1'), 'INACTIVE');
  assert.equal(await tdStatus('web:2'), 'ACTIVE');
});

test('every call of these runs is in cortado iam-policy', async () => {
  const { checked } = await e.assertIamCoverage();
  assert.ok(checked >= 8, `checked ${checked}`);
});
