// Target tracking through clients we did not write: boto3 creates an ECS service, a scalable target and a policy on a
// customized metric, publishes the metric over the target, and sees the scaling activity AAS recorded and the desired count
// it set; the AWS CLI reads the alarms AAS created (their shape as AWS makes them) and sees them go with the policy.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Sandbox } from '../../../src/local/index.js';
import { awsCli, boto3, withSandbox } from '../../helpers/sandbox.js';

const SPEED = 60;
let sandbox: Sandbox;

before(async () => {
  sandbox = await withSandbox({ speed: SPEED });
});
after(async () => {
  await sandbox.close();
});

interface Alarm {
  AlarmName: string;
  AlarmDescription: string;
  AlarmActions: string[];
  Namespace: string;
  MetricName: string;
  Statistic: string;
  Period: number;
  EvaluationPeriods: number;
  DatapointsToAlarm: number;
  ComparisonOperator: string;
  Threshold: number;
  TreatMissingData: string;
}

test('boto3: a customized-metric policy scales an ECS service; the AWS CLI sees its alarms and its activity', async () => {
  // One simulated minute is one real second at speed 60: the metric is published every 0.25 s for long enough to give
  // three whole one-minute datapoints over the target (waits derive from the speed, with slack for a loaded machine). The
  // hour-long cooldowns (a real minute) keep the datapoints still in the alarm's range from asking for a second step while
  // the clients read.
  const setup = await boto3(
    sandbox,
    `
import time
ecs = boto3.client('ecs', endpoint_url=endpoint, region_name=region)
aas = boto3.client('application-autoscaling', endpoint_url=endpoint, region_name=region)
cw = boto3.client('cloudwatch', endpoint_url=endpoint, region_name=region)
ecs.create_cluster(clusterName='io')
td = ecs.register_task_definition(family='io', networkMode='awsvpc', requiresCompatibilities=['FARGATE'], cpu='256', memory='512',
  containerDefinitions=[{'name': 'app', 'image': 'cortado/demo-app:v1', 'essential': True, 'portMappings': [{'containerPort': 8080}]}])
ecs.create_service(cluster='io', serviceName='worker', taskDefinition=td['taskDefinition']['taskDefinitionArn'], desiredCount=1,
  launchType='FARGATE', networkConfiguration={'awsvpcConfiguration': {'subnets': ['subnet-0123456789abcdef0']}})
target = dict(ServiceNamespace='ecs', ResourceId='service/io/worker', ScalableDimension='ecs:service:DesiredCount')
aas.register_scalable_target(MinCapacity=1, MaxCapacity=6, **target)
policy = aas.put_scaling_policy(PolicyName='queue', PolicyType='TargetTrackingScaling', **target,
  TargetTrackingScalingPolicyConfiguration={'TargetValue': 10.0, 'ScaleOutCooldown': 3600, 'ScaleInCooldown': 3600,
    'CustomizedMetricSpecification': {'Namespace': 'App', 'MetricName': 'Backlog', 'Statistic': 'Average',
      'Dimensions': [{'Name': 'Queue', 'Value': 'jobs'}]}})
deadline = time.time() + ${(6 * 60) / SPEED} * 3 + 30
activities = []
while time.time() < deadline and not activities:
  cw.put_metric_data(Namespace='App', MetricData=[{'MetricName': 'Backlog', 'Dimensions': [{'Name': 'Queue', 'Value': 'jobs'}], 'Value': 30.0}])
  activities = aas.describe_scaling_activities(ServiceNamespace='ecs', ResourceId='service/io/worker')['ScalingActivities']
  time.sleep(0.25)
svc = ecs.describe_services(cluster='io', services=['worker'])['services'][0]
print(json.dumps({'policy': policy, 'activities': activities, 'desired': svc['desiredCount']}, default=str))
`,
  );
  assert.equal(setup.code, 0, setup.stderr);
  const r = setup.json as {
    policy: { PolicyARN: string; Alarms: Array<{ AlarmName: string; AlarmARN: string }> };
    activities: Array<Record<string, string>>;
    desired: number;
  };
  assert.equal(r.activities.length, 1, 'one scale-out activity');
  const a = r.activities[0]!;
  // 30 against a target of 10 on one task: three tasks.
  assert.equal(a.Description, 'Setting desired count to 3.');
  assert.equal(a.StatusCode, 'Successful');
  assert.equal(a.StatusMessage, 'Successfully set desired count to 3. Change successfully fulfilled by ecs.');
  assert.equal(a.Cause, `monitor alarm ${r.policy.Alarms[0]!.AlarmName} in state ALARM triggered policy queue`);
  assert.equal(r.desired, 3);

  const names = r.policy.Alarms.map((x) => x.AlarmName);
  assert.match(names[0]!, /^TargetTracking-service\/io\/worker-AlarmHigh-[0-9a-f-]{36}$/);
  assert.match(names[1]!, /^TargetTracking-service\/io\/worker-AlarmLow-[0-9a-f-]{36}$/);
  const described = await awsCli(sandbox, ['cloudwatch', 'describe-alarms', '--alarm-names', ...names]);
  assert.equal(described.code, 0, described.stderr);
  const [high, low] = (described.json as { MetricAlarms: Alarm[] }).MetricAlarms;
  assert.ok(high && low);
  assert.match(high.AlarmActions[0]!, new RegExp(`^${r.policy.PolicyARN.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:createdBy/[0-9a-f-]{36}$`));
  assert.equal(high.AlarmDescription, `DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ${high.AlarmActions[0]}.`);
  assert.deepEqual(
    [
      high.Namespace,
      high.MetricName,
      high.Statistic,
      high.Period,
      high.EvaluationPeriods,
      high.DatapointsToAlarm,
      high.ComparisonOperator,
      high.Threshold,
      high.TreatMissingData,
    ],
    ['App', 'Backlog', 'Average', 60, 3, 3, 'GreaterThanThreshold', 10, 'missing'],
  );
  assert.deepEqual([low.EvaluationPeriods, low.ComparisonOperator, low.Threshold], [15, 'LessThanThreshold', 9]);
  const history = await awsCli(sandbox, [
    'cloudwatch',
    'describe-alarm-history',
    '--alarm-name',
    names[0]!,
    '--history-item-type',
    'Action',
  ]);
  assert.equal(history.code, 0, history.stderr);
  assert.match(
    (history.json as { AlarmHistoryItems: Array<{ HistorySummary: string }> }).AlarmHistoryItems[0]!.HistorySummary,
    /^Successfully executed action arn:aws:autoscaling:/,
  );

  const cli = await awsCli(sandbox, [
    'application-autoscaling',
    'describe-scaling-activities',
    '--service-namespace',
    'ecs',
    '--resource-id',
    'service/io/worker',
  ]);
  assert.equal(cli.code, 0, cli.stderr);
  const viaCli = (cli.json as { ScalingActivities: Array<Record<string, string>> }).ScalingActivities;
  assert.deepEqual(
    viaCli.map((x) => [x.ActivityId, x.Description, x.StatusCode]),
    [[a.ActivityId, a.Description, 'Successful']],
  );
  const del = await awsCli(sandbox, [
    'application-autoscaling',
    'delete-scaling-policy',
    '--policy-name',
    'queue',
    '--service-namespace',
    'ecs',
    '--resource-id',
    'service/io/worker',
    '--scalable-dimension',
    'ecs:service:DesiredCount',
  ]);
  assert.equal(del.code, 0, del.stderr);
  const gone = await awsCli(sandbox, ['cloudwatch', 'describe-alarms', '--alarm-names', ...names]);
  assert.deepEqual((gone.json as { MetricAlarms: Alarm[] }).MetricAlarms, []);
});

test("the high-resolution predefined types are accepted (newer than the CLI's botocore model, sent as is) and get 20 s alarms", async () => {
  const target = ['--service-namespace', 'ecs', '--scalable-dimension', 'ecs:service:DesiredCount', '--resource-id', 'service/io/fast'];
  assert.equal(
    (
      await awsCli(sandbox, [
        'application-autoscaling',
        'register-scalable-target',
        ...target,
        '--min-capacity',
        '1',
        '--max-capacity',
        '4',
      ])
    ).code,
    0,
  );
  const put = await awsCli(sandbox, [
    'application-autoscaling',
    'put-scaling-policy',
    ...target,
    '--policy-name',
    'cpu20',
    '--policy-type',
    'TargetTrackingScaling',
    '--target-tracking-scaling-policy-configuration',
    JSON.stringify({
      TargetValue: 50,
      PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilizationHighResolution' },
    }),
  ]);
  assert.equal(put.code, 0, put.stderr);
  const names = (put.json as { Alarms: Array<{ AlarmName: string }> }).Alarms.map((x) => x.AlarmName);
  const described = await awsCli(sandbox, ['cloudwatch', 'describe-alarms', '--alarm-names', ...names]);
  const alarms = (described.json as { MetricAlarms: Alarm[] }).MetricAlarms;
  assert.deepEqual(
    alarms.map((x) => [x.Namespace, x.MetricName, x.Period, x.EvaluationPeriods]),
    [
      ['AWS/ECS', 'CPUUtilization', 20, 3],
      ['AWS/ECS', 'CPUUtilization', 20, 15],
    ],
  );
  const bad = await awsCli(sandbox, [
    'application-autoscaling',
    'put-scaling-policy',
    ...target,
    '--policy-name',
    'nope',
    '--policy-type',
    'TargetTrackingScaling',
    '--target-tracking-scaling-policy-configuration',
    JSON.stringify({ TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageDiskUtilization' } }),
  ]);
  assert.equal(bad.code, 255);
  assert.match(bad.stderr, /ValidationException.*enum value set/);
});
