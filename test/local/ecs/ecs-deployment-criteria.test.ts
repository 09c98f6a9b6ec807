// The 2025–2026 deployment settings through an SDK v3 client (the AWS CLI's botocore here predates them):
// circuit breaker thresholdConfiguration, early success criteria, and the service revision's monitoring.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  InvalidParameterException,
  ListServiceDeploymentsCommand,
  UpdateServiceCommand,
  type CreateServiceCommandInput,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import type { Sandbox } from '../../../src/local/index.js';
import { boto3, sdkConfig } from '../../helpers/sandbox.js';
import { cli, closeEcs, describeTasks, listTasks, registerDemo, startEcs, waitFor } from './ecs-fixtures.js';

const CLUSTER = 'criteria';
const BAD_IMAGE = 'registry.example.com/missing/app:nope';
const awsvpc = { awsvpcConfiguration: { subnets: ['subnet-0123456789abcdef0'], securityGroups: ['sg-0123456789abcdef0'] } };

describe('ECS deployment criteria (SDK v3)', () => {
  let sandbox: Sandbox;
  let ecs: ECSClient;
  let good = '';
  let v2 = '';
  let bad = '';
  before(async () => {
    sandbox = await startEcs();
    ecs = new ECSClient(sdkConfig(sandbox, { maxAttempts: 1 }));
    await cli(sandbox, ['ecs', 'create-cluster', '--cluster-name', CLUSTER]);
    good = await registerDemo(sandbox, { family: 'api', tag: 'v1' });
    v2 = await registerDemo(sandbox, { family: 'api', tag: 'v2' });
    bad = await registerDemo(sandbox, { family: 'api', image: BAD_IMAGE });
  });
  after(async () => {
    ecs?.destroy();
    await closeEcs(sandbox);
  });

  const create = (input: Omit<CreateServiceCommandInput, 'cluster' | 'launchType' | 'networkConfiguration'>) =>
    ecs.send(new CreateServiceCommand({ cluster: CLUSTER, launchType: 'FARGATE', networkConfiguration: awsvpc, ...input }));
  const deployments = async (service: string): Promise<ServiceDeployment[]> => {
    const list = await ecs.send(new ListServiceDeploymentsCommand({ cluster: CLUSTER, service }));
    const arns = (list.serviceDeployments ?? []).map((d) => d.serviceDeploymentArn!);
    return (await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: arns }))).serviceDeployments ?? [];
  };

  it('thresholdConfiguration COUNT 1 fails the deployment after one failed task and reports the threshold', async () => {
    const out = await create({
      serviceName: 'count1',
      taskDefinition: bad,
      desiredCount: 1,
      deploymentConfiguration: {
        deploymentCircuitBreaker: {
          enable: true,
          rollback: false,
          thresholdConfiguration: { type: 'COUNT', value: 1 },
          resetOnHealthyTask: false,
        },
      },
    });
    assert.deepEqual(out.service!.deploymentConfiguration!.deploymentCircuitBreaker, {
      enable: true,
      rollback: false,
      thresholdConfiguration: { type: 'COUNT', value: 1 },
      resetOnHealthyTask: false,
    });
    const id = out.service!.deployments![0]!.id!;
    await waitFor('FAILED', async () => {
      const s = (await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ['count1'] }))).services![0]!;
      return s.deployments![0]!.rolloutState === 'FAILED' ? s : undefined;
    });
    const [sd] = await deployments('count1');
    assert.equal(sd!.status, 'STOPPED');
    assert.deepEqual(sd!.deploymentCircuitBreaker, { status: 'TRIGGERED', failureCount: 1, threshold: 1 });
    const stopped = await listTasks(sandbox, CLUSTER, { desiredStatus: 'STOPPED', startedBy: id });
    // The default threshold for one desired task is 3 failures; COUNT 1 stops after the first.
    assert.equal(stopped.length, 1);
    for (const t of await describeTasks(sandbox, CLUSTER, stopped)) assert.equal(t.stopCode, 'TaskFailedToStart');
  });

  it('refuses malformed criteria with InvalidParameterException', async () => {
    const refused = async (deploymentConfiguration: CreateServiceCommandInput['deploymentConfiguration'], pattern: RegExp) => {
      await assert.rejects(
        create({ serviceName: 'nope', taskDefinition: good, desiredCount: 1, deploymentConfiguration }),
        (e: unknown) => {
          assert.ok(e instanceof InvalidParameterException, String(e));
          assert.match(e.message, pattern);
          return true;
        },
      );
    };
    await refused(
      { minimumHealthyPercent: 100, earlySuccessCriteria: { enable: true, healthyPercent: 50, sourceServiceRevisionCleanup: 'BLOCKING' } },
      /minimumHealthyPercent \(100\)/,
    );
    await refused({ earlySuccessCriteria: { enable: true } }, /healthyPercent and sourceServiceRevisionCleanup must be specified/);
    await refused(
      { deploymentCircuitBreaker: { enable: true, rollback: true, thresholdConfiguration: { type: 'COUNT', value: 1.5 } } },
      /non-negative integer/,
    );
    // The enum comes from the SDK's model: a value it does not know fails the wire layer's validation.
    const raw = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.CreateService', 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({
        cluster: CLUSTER,
        serviceName: 'nope',
        taskDefinition: good,
        deploymentConfiguration: {
          deploymentCircuitBreaker: { enable: true, rollback: true, thresholdConfiguration: { type: 'MOST', value: 1 } },
        },
      }),
    });
    assert.equal(raw.status, 400);
    assert.match(JSON.stringify(await raw.json()), /Member must satisfy enum value set: \[BOUNDED_PERCENT, COUNT, UNBOUNDED_PERCENT\]/);
  });

  it('early success DEFERRED completes the deployment before every new task runs, then finishes the rollout', async () => {
    const dc = { minimumHealthyPercent: 50, maximumPercent: 100 };
    await create({ serviceName: 'early', taskDefinition: good, desiredCount: 4, deploymentConfiguration: dc });
    await waitFor('first deployment completed', async () => {
      const s = (await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ['early'] }))).services![0]!;
      return s.deployments!.length === 1 && s.deployments![0]!.rolloutState === 'COMPLETED' ? s : undefined;
    });
    const upd = await ecs.send(
      new UpdateServiceCommand({
        cluster: CLUSTER,
        service: 'early',
        taskDefinition: v2,
        deploymentConfiguration: {
          ...dc,
          earlySuccessCriteria: { enable: true, healthyPercent: 50, sourceServiceRevisionCleanup: 'DEFERRED' },
        },
      }),
    );
    const newId = upd.service!.deployments!.find((d) => d.status === 'PRIMARY')!.id!;
    const stable = await waitFor(
      'all 4 new tasks running',
      async () => {
        const s = (await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ['early'] }))).services![0]!;
        return s.deployments!.length === 1 && s.deployments![0]!.runningCount === 4 ? s : undefined;
      },
      60_000,
    );
    assert.equal(stable.deployments![0]!.id, newId);
    const [sd] = await deployments('early');
    assert.equal(sd!.status, 'SUCCESSFUL');
    assert.deepEqual(sd!.deploymentConfiguration!.earlySuccessCriteria, {
      enable: true,
      healthyPercent: 50,
      sourceServiceRevisionCleanup: 'DEFERRED',
    });
    // With max 100%, the last two new tasks can only start once two old ones stopped, after two new ones were healthy:
    // early success finished the deployment before they were even running (a full rollout waits for all four healthy).
    const arns = await listTasks(sandbox, CLUSTER, { startedBy: newId });
    const newTasks = (await ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: arns }))).tasks ?? [];
    const finished = sd!.finishedAt!.getTime();
    const later = newTasks.filter((t) => t.startedAt!.getTime() > finished);
    assert.equal(later.length, 2, `tasks running only after the deployment finished at ${sd!.finishedAt!.toISOString()}`);
  });

  it('monitoring belongs to the service revision: given, it starts a deployment and DescribeServiceRevisions returns it', async () => {
    const monitoring = { metricConfigurations: [{ metricNames: ['CPUUtilization'], resolutionSeconds: 20 }] };
    await create({ serviceName: 'mon', taskDefinition: good, desiredCount: 0 });
    const upd = await ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'mon', monitoring }));
    assert.equal(upd.service!.deployments!.length, 2, 'a monitoring change is a new revision, so a new deployment');
    const revisionArn = (await deployments('mon'))[0]!.targetServiceRevision!.arn!;
    const rev = (await ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [revisionArn] }))).serviceRevisions![0]!;
    assert.deepEqual(rev.monitoring, monitoring);
    const before = (await deployments('mon')).length;
    await ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'mon', monitoring }));
    assert.equal((await deployments('mon')).length, before, 'the same monitoring again is no change');
    await assert.rejects(
      ecs.send(
        new UpdateServiceCommand({
          cluster: CLUSTER,
          service: 'mon',
          monitoring: { metricConfigurations: [{ metricNames: ['CPUUtilization'], resolutionSeconds: 30 }] },
        }),
      ),
      /The valid values for resolutionSeconds are 20 and 60/,
    );
  });
  it('boto3 with a model that knows the members (as botocore releases after 1.43 do) round-trips them', async () => {
    // The model here is botocore 1.43's own, given the members as AWS's API reference documents them.
    const r = await boto3(
      sandbox,
      `
import botocore.session, tempfile, os
from botocore.loaders import Loader
model = Loader().load_service_model('ecs', 'service-2')
shapes = model['shapes']
shapes['ThresholdType'] = {'type': 'string', 'enum': ['COUNT', 'BOUNDED_PERCENT', 'UNBOUNDED_PERCENT']}
shapes['ThresholdConfiguration'] = {'type': 'structure', 'required': ['type', 'value'],
  'members': {'type': {'shape': 'ThresholdType'}, 'value': {'shape': 'Integer'}}}
shapes['DeploymentCircuitBreaker']['members'].update({'resetOnHealthyTask': {'shape': 'Boolean'},
  'thresholdConfiguration': {'shape': 'ThresholdConfiguration'}})
d = tempfile.mkdtemp()
os.makedirs(os.path.join(d, 'ecs', model['metadata']['apiVersion']))
json.dump(model, open(os.path.join(d, 'ecs', model['metadata']['apiVersion'], 'service-2.json'), 'w'))
core = botocore.session.get_session()
core.get_component('data_loader').search_paths.insert(0, d)
ecs = boto3.Session(botocore_session=core).client('ecs', endpoint_url=endpoint, region_name=region)
ecs.create_service(cluster=${JSON.stringify(CLUSTER)}, serviceName='boto', taskDefinition=${JSON.stringify(good)}, desiredCount=0,
  launchType='FARGATE', networkConfiguration=${JSON.stringify(awsvpc).replace(/"/g, "'")},
  deploymentConfiguration={'deploymentCircuitBreaker': {'enable': True, 'rollback': True, 'resetOnHealthyTask': False,
    'thresholdConfiguration': {'type': 'UNBOUNDED_PERCENT', 'value': 25}}})
svc = ecs.describe_services(cluster=${JSON.stringify(CLUSTER)}, services=['boto'])['services'][0]
print(json.dumps(svc['deploymentConfiguration']['deploymentCircuitBreaker']))
`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, {
      enable: true,
      rollback: true,
      resetOnHealthyTask: false,
      thresholdConfiguration: { type: 'UNBOUNDED_PERCENT', value: 25 },
    });
  });
});
