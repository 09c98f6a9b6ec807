// CodeDeploy blue/green for ECS in the sandbox, proven with the AWS CLI and boto3: configs, a canary deployment that
// shifts the production listener and retires the original task set, StopDeployment with rollback, and AWS's errors.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Sandbox } from '../../../src/local/index.js';
import { awsCli, boto3, clientEnv, eventually, withSandbox } from '../../helpers/sandbox.js';

const run = promisify(execFile);
const SPEED = 20;

interface Setup {
  readonly listeners: { readonly prod: string; readonly test: string };
  readonly tgs: { readonly blue: string; readonly green: string };
}

const appSpec = (td: string) =>
  `version: 0.0\nResources:\n  - TargetService:\n      Type: AWS::ECS::Service\n      Properties:\n        TaskDefinition: ${td}\n        LoadBalancerInfo:\n          ContainerName: app\n          ContainerPort: 8080\nHooks:\n  - BeforeInstall: arn:aws:lambda:us-east-1:000000000000:function:check\n`;

describe('CodeDeploy ECS blue/green (AWS CLI + boto3)', () => {
  let sandbox: Sandbox;
  let setup: Setup;
  const cli = (args: string[]) => awsCli(sandbox, args);
  const info = async (id: string) => {
    const r = await cli(['deploy', 'get-deployment', '--deployment-id', id]);
    assert.equal(r.code, 0, r.stderr);
    return (r.json as { deploymentInfo: Record<string, unknown> }).deploymentInfo;
  };
  const weights = async () => {
    const r = await cli(['elbv2', 'describe-listeners', '--listener-arns', setup.listeners.prod]);
    const tgs =
      (r.json as { Listeners: { DefaultActions: { ForwardConfig?: { TargetGroups: { TargetGroupArn: string; Weight: number }[] } }[] }[] })
        .Listeners[0]!.DefaultActions[0]!.ForwardConfig?.TargetGroups ?? [];
    return Object.fromEntries(tgs.map((t) => [t.TargetGroupArn, t.Weight]));
  };
  const create = (td: string) =>
    cli([
      'deploy',
      'create-deployment',
      '--application-name',
      'bg',
      '--deployment-group-name',
      'bg',
      '--revision',
      JSON.stringify({ revisionType: 'AppSpecContent', appSpecContent: { content: appSpec(td) } }),
    ]);

  before(async () => {
    sandbox = await withSandbox({ speed: SPEED });
    const script = fileURLToPath(new URL('./codedeploy-setup.py', import.meta.url));
    const { stdout } = await run('python3', [script, 'bg', 'CodeDeployDefault.ECSCanary10Percent5Minutes'], {
      env: clientEnv(sandbox),
      timeout: 180_000,
    });
    setup = JSON.parse(stdout) as Setup;
  });
  after(async () => {
    await sandbox?.close();
  });

  it('lists the predefined ECS configs and creates a custom one', async () => {
    const list = await cli(['deploy', 'list-deployment-configs']);
    assert.equal(list.code, 0, list.stderr);
    const names = (list.json as { deploymentConfigsList: string[] }).deploymentConfigsList;
    for (const n of [
      'ECSAllAtOnce',
      'ECSLinear10PercentEvery1Minutes',
      'ECSLinear10PercentEvery3Minutes',
      'ECSCanary10Percent5Minutes',
      'ECSCanary10Percent15Minutes',
    ])
      assert.ok(names.includes(`CodeDeployDefault.${n}`), n);
    const got = await cli(['deploy', 'get-deployment-config', '--deployment-config-name', 'CodeDeployDefault.ECSCanary10Percent15Minutes']);
    assert.deepEqual((got.json as { deploymentConfigInfo: { trafficRoutingConfig: unknown } }).deploymentConfigInfo.trafficRoutingConfig, {
      type: 'TimeBasedCanary',
      timeBasedCanary: { canaryPercentage: 10, canaryInterval: 15 },
    });
    const made = await boto3(
      sandbox,
      `c=boto3.client('codedeploy',endpoint_url=endpoint,region_name=region)
c.create_deployment_config(deploymentConfigName='Linear25', computePlatform='ECS', trafficRoutingConfig={'type':'TimeBasedLinear','timeBasedLinear':{'linearPercentage':25,'linearInterval':1}})
try:
  c.create_deployment_config(deploymentConfigName='Linear25', computePlatform='ECS')
  print(json.dumps('no error'))
except c.exceptions.DeploymentConfigAlreadyExistsException as e:
  print(json.dumps(e.response['Error']['Code']))`,
    );
    assert.equal(made.code, 0, made.stderr);
    assert.equal(made.json, 'DeploymentConfigAlreadyExistsException');
  });

  it('a canary deployment: 10 % then all to the replacement, which becomes primary; the original task set goes', async () => {
    const r = await create('bg-v2');
    assert.equal(r.code, 0, r.stderr);
    const id = (r.json as { deploymentId: string }).deploymentId;
    assert.match(id, /^d-[A-Z0-9]{9}$/);
    const again = await create('bg-v2');
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /DeploymentLimitExceededException/);
    await eventually(async () => ((await weights())[setup.tgs.green] === 10 ? true : undefined), 120_000, 300, 'the canary step');
    const target = await cli(['deploy', 'get-deployment-target', '--deployment-id', id, '--target-id', 'bg:bg']);
    const ecsTarget = (
      target.json as { deploymentTarget: { ecsTarget: { taskSetsInfo: { taskSetLabel: string; trafficWeight: number }[] } } }
    ).deploymentTarget.ecsTarget;
    assert.deepEqual(
      ecsTarget.taskSetsInfo.map((s) => [s.taskSetLabel, s.trafficWeight]),
      [
        ['Blue', 90],
        ['Green', 10],
      ],
    );
    const done = await eventually(
      async () => {
        const d = await info(id);
        return d.status === 'Succeeded' || d.status === 'Failed' ? d : undefined;
      },
      180_000,
      500,
      'the deployment to end',
    );
    assert.equal(done.status, 'Succeeded', JSON.stringify(done.errorInformation));
    assert.deepEqual(await weights(), { [setup.tgs.blue]: 0, [setup.tgs.green]: 100 });
    const svc = await cli(['ecs', 'describe-services', '--cluster', 'bg', '--services', 'bg']);
    const s = (svc.json as { services: { taskDefinition: string; taskSets: { status: string }[] }[] }).services[0]!;
    assert.match(s.taskDefinition, /bg-v2:1$/);
    await eventually(
      async () => {
        const x = await cli(['ecs', 'describe-task-sets', '--cluster', 'bg', '--service', 'bg']);
        const sets = (x.json as { taskSets: { status: string }[] }).taskSets;
        return sets.length === 1 && sets[0]!.status === 'PRIMARY' ? true : undefined;
      },
      60_000,
      500,
      'the original task set to be deleted',
    );
  });

  it('StopDeployment with autoRollbackEnabled stops it and sends traffic back (boto3)', async () => {
    const r = await create('bg-v1');
    const id = (r.json as { deploymentId: string }).deploymentId;
    await eventually(async () => ((await weights())[setup.tgs.blue] === 10 ? true : undefined), 120_000, 300, 'the canary step');
    const stopped = await boto3(
      sandbox,
      `c=boto3.client('codedeploy',endpoint_url=endpoint,region_name=region)
print(json.dumps(c.stop_deployment(deploymentId=${JSON.stringify(id)}, autoRollbackEnabled=True)['status']))`,
    );
    assert.equal(stopped.json, 'Pending', stopped.stderr);
    const d = await eventually(
      async () => {
        const x = await info(id);
        return x.status === 'Stopped' ? x : undefined;
      },
      60_000,
      300,
      'Stopped',
    );
    const rb = d.rollbackInfo as { rollbackDeploymentId: string };
    assert.match(rb.rollbackDeploymentId, /^d-/);
    assert.equal((await info(rb.rollbackDeploymentId)).creator, 'autoRollback');
    assert.deepEqual(await weights(), { [setup.tgs.blue]: 0, [setup.tgs.green]: 100 });
    const late = await cli(['deploy', 'stop-deployment', '--deployment-id', id]);
    assert.match(late.stderr, /DeploymentAlreadyCompletedException/);
  });

  it("answers AWS's errors for unknown names and ids", async () => {
    const bad = await cli(['deploy', 'get-deployment', '--deployment-id', 'nope']);
    assert.match(bad.stderr, /InvalidDeploymentIdException/);
    const gone = await cli(['deploy', 'get-deployment', '--deployment-id', 'd-AAAAAAAAA']);
    assert.match(gone.stderr, /DeploymentDoesNotExistException/);
    const app = await cli(['deploy', 'get-application', '--application-name', 'missing']);
    assert.match(app.stderr, /ApplicationDoesNotExistException/);
    const group = await cli(['deploy', 'get-deployment-group', '--application-name', 'bg', '--deployment-group-name', 'missing']);
    assert.match(group.stderr, /DeploymentGroupDoesNotExistException/);
    const update = await cli(['ecs', 'update-service', '--cluster', 'bg', '--service', 'bg', '--task-definition', 'bg-v1']);
    assert.match(update.stderr, /CODE_DEPLOY deployment controller/);
  });
});
