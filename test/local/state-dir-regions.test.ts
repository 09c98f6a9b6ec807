import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../src/local/index.js';
import { liveContainerCount } from '../../src/local/runtime/index.js';
import { createEc2Service } from '../../src/local/services/ec2/ec2-service.js';
import { createEcsService } from '../../src/local/services/ecs/ecs-service.js';
import { createEcrService } from '../../src/local/services/ecr/ecr-service.js';
import { createIamService } from '../../src/local/services/iam/iam-service.js';
import { createStsService } from '../../src/local/services/sts/sts-service.js';
import { boto3, withSandbox } from '../helpers/sandbox.js';

const REGIONS = ['us-east-1', 'eu-central-1'];

/** Creates a VPC, subnet, security group, instance, cluster, container instance, capacity provider and setting per region. */
const SETUP = `
out = {}
for r in ${JSON.stringify(REGIONS)}:
    ec2 = boto3.client('ec2', endpoint_url=endpoint, region_name=r)
    ecs = boto3.client('ecs', endpoint_url=endpoint, region_name=r)
    vpc = ec2.create_vpc(CidrBlock='10.1.0.0/16', TagSpecifications=[{'ResourceType': 'vpc', 'Tags': [{'Key': 'Name', 'Value': 'kept-' + r}]}])['Vpc']['VpcId']
    sub = ec2.create_subnet(VpcId=vpc, CidrBlock='10.1.1.0/24', AvailabilityZone=r + 'a')['Subnet']['SubnetId']
    sg = ec2.create_security_group(GroupName='kept', Description='kept', VpcId=vpc)['GroupId']
    ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[{'IpProtocol': 'tcp', 'FromPort': 8080, 'ToPort': 8080, 'IpRanges': [{'CidrIp': '10.0.0.0/8'}]}])
    inst = ec2.run_instances(ImageId='ami-0abcdef1234567890', InstanceType='t3.medium', MinCount=1, MaxCount=1, SubnetId=sub, SecurityGroupIds=[sg])['Instances'][0]['InstanceId']
    ec2.get_waiter('instance_running').wait(InstanceIds=[inst], WaiterConfig={'Delay': 1, 'MaxAttempts': 60})
    ecs.create_cluster(clusterName='kept-' + r)
    ci = ecs.register_container_instance(cluster='kept-' + r, instanceIdentityDocument=json.dumps({'instanceId': inst}))['containerInstance']['containerInstanceArn']
    ecs.create_capacity_provider(name='cp-' + r, autoScalingGroupProvider={'autoScalingGroupArn': 'asg-' + r})
    ecs.put_account_setting_default(name='containerInsights', value='enhanced' if r == 'eu-central-1' else 'enabled')
    ecr = boto3.client('ecr', endpoint_url=endpoint, region_name=r)
    ecr.create_repository(repositoryName='kept-' + r)
    ecr.put_image(repositoryName='kept-' + r, imageTag='v1', imageManifest=json.dumps({'schemaVersion': 2, 'mediaType': 'application/vnd.docker.distribution.manifest.v2+json', 'config': {'size': 7, 'digest': 'sha256:' + '0' * 64, 'mediaType': 'application/vnd.docker.container.image.v1+json'}, 'layers': []}))
    out[r] = {'vpc': vpc, 'subnet': sub, 'sg': sg, 'instance': inst, 'ci': ci}
boto3.client('iam', endpoint_url=endpoint, region_name='us-east-1').create_role(RoleName='kept', AssumeRolePolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'Service': 'ecs-tasks.amazonaws.com'}, 'Action': 'sts:AssumeRole'}]}))
print(json.dumps(out))
`;

/** What each region sees after the restart. */
const CHECK = (made: unknown) => `
made = json.loads(${JSON.stringify(JSON.stringify(made))})
out = {}
for r in ${JSON.stringify(REGIONS)}:
    ec2 = boto3.client('ec2', endpoint_url=endpoint, region_name=r)
    ecs = boto3.client('ecs', endpoint_url=endpoint, region_name=r)
    m = made[r]
    vpcs = ec2.describe_vpcs(Filters=[{'Name': 'tag:Name', 'Values': ['kept-' + r]}])['Vpcs']
    groups = ec2.describe_security_groups(GroupIds=[m['sg']])['SecurityGroups']
    inst = ec2.describe_instances(InstanceIds=[m['instance']])['Reservations'][0]['Instances'][0]
    cluster = ecs.describe_clusters(clusters=['kept-' + r])['clusters']
    cis = ecs.list_container_instances(cluster='kept-' + r)['containerInstanceArns']
    described = ecs.describe_container_instances(cluster='kept-' + r, containerInstances=cis)['containerInstances']
    out[r] = {
        'vpcs': [v['VpcId'] for v in vpcs],
        'allVpcs': [v['VpcId'] for v in ec2.describe_vpcs()['Vpcs']],
        'subnets': [s['SubnetId'] for s in ec2.describe_subnets(Filters=[{'Name': 'vpc-id', 'Values': [m['vpc']]}])['Subnets']],
        'ingress': [p.get('FromPort') for p in groups[0]['IpPermissions']],
        'instance': [inst['InstanceId'], inst['State']['Name'], inst['Placement']['AvailabilityZone']],
        'clusters': [c['clusterArn'] for c in cluster],
        'containerInstances': [[c['containerInstanceArn'], c['ec2InstanceId'], c['agentConnected']] for c in described],
        'providers': [p['capacityProviderArn'] for p in ecs.describe_capacity_providers()['capacityProviders']],
        'insights': ecs.list_account_settings(name='containerInsights', effectiveSettings=True)['settings'][0]['value'],
        'otherCluster': ecs.describe_clusters(clusters=['kept-' + [x for x in made if x != r][0]])['failures'][0]['reason'],
        'repositories': [x['repositoryName'] for x in boto3.client('ecr', endpoint_url=endpoint, region_name=r).describe_repositories()['repositories']],
        'imageTags': [i['imageId']['imageTag'] for i in boto3.client('ecr', endpoint_url=endpoint, region_name=r).batch_get_image(repositoryName='kept-' + r, imageIds=[{'imageTag': 'v1'}])['images']],
        'role': boto3.client('iam', endpoint_url=endpoint, region_name=r).get_role(RoleName='kept')['Role']['AssumeRolePolicyDocument']['Statement'][0]['Principal']['Service'],
    }
print(json.dumps(out))
`;

describe('--state-dir keeps every region, EC2, ECR and IAM across a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cortado-state-regions-'));
  let sandbox: Sandbox | undefined;
  after(async () => {
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const start = () =>
    withSandbox({
      factories: [createStsService, createEc2Service, createEcsService, createEcrService, createIamService],
      stateDir: dir,
      speed: 20,
    });

  it('restarts with the same state dir and sees both regions’ EC2 and ECS resources, each in its own region', async () => {
    sandbox = await start();
    const setup = await boto3(sandbox, SETUP);
    assert.equal(setup.code, 0, setup.stderr);
    const made = setup.json as Record<string, { vpc: string; subnet: string; sg: string; instance: string; ci: string }>;
    await sandbox.close();
    sandbox = undefined;
    const file = JSON.parse(readFileSync(join(dir, 'sandbox-state.json'), 'utf8')) as { regions: Record<string, unknown> };
    assert.deepEqual(Object.keys(file.regions), ['eu-central-1'], 'the other region has its own section');

    sandbox = await start();
    const r = await boto3(sandbox, CHECK(made));
    assert.equal(r.code, 0, r.stderr);
    const seen = r.json as Record<string, Record<string, unknown>>;
    for (const region of REGIONS) {
      const m = made[region]!;
      const s = seen[region]!;
      assert.deepEqual(s.vpcs, [m.vpc], `${region}: the tagged VPC is back`);
      assert.ok(!(s.allVpcs as string[]).includes(made[REGIONS.find((x) => x !== region)!]!.vpc), `${region}: not the other region's VPC`);
      assert.deepEqual(s.subnets, [m.subnet]);
      assert.deepEqual(s.ingress, [8080], 'security group rules are kept');
      assert.deepEqual(s.instance, [m.instance, 'running', `${region}a`]);
      assert.deepEqual(s.clusters, [`arn:aws:ecs:${region}:000000000000:cluster/kept-${region}`]);
      assert.deepEqual(s.containerInstances, [[m.ci, m.instance, true]], 'the container instance and its EC2 record are back');
      assert.ok((s.providers as string[]).includes(`arn:aws:ecs:${region}:000000000000:capacity-provider/cp-${region}`));
      assert.equal((s.providers as string[]).length, 3, 'FARGATE, FARGATE_SPOT and its own provider only');
      assert.equal(s.otherCluster, 'MISSING');
      assert.deepEqual(s.repositories, [`kept-${region}`], 'ECR repositories come back in their own region');
      assert.deepEqual(s.imageTags, ['v1']);
      assert.equal(s.role, 'ecs-tasks.amazonaws.com', 'the IAM role (global) is back');
    }
    assert.equal(seen['us-east-1']!.insights, 'enabled');
    assert.equal(seen['eu-central-1']!.insights, 'enhanced');
    await sandbox.close();
    sandbox = undefined;
    assert.equal(liveContainerCount(), 0);
  });
});
