// EC2 through boto3 and the AWS CLI: the default VPC, VPC/subnet/security group life cycles, rules, tags, filters,
// paging, DryRun, instance states on the sandbox clock, and AWS's error codes in EC2's own error shape.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { awsCli, boto3, withSandbox } from '../../helpers/sandbox.js';

describe('EC2 (boto3, AWS CLI)', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await withSandbox({ speed: 10 });
  });
  after(async () => {
    await sandbox?.close();
  });

  it('runs a VPC, subnet, security group and instance life cycle with the errors AWS answers', async () => {
    const r = await boto3(
      sandbox,
      `
import time
from botocore.exceptions import ClientError
ec2 = boto3.client('ec2', endpoint_url=endpoint, region_name=region)
out = {}
def code(call):
    try:
        call(); return 'ok'
    except ClientError as e:
        return [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']]
default = ec2.describe_vpcs(Filters=[{'Name': 'is-default', 'Values': ['true']}])['Vpcs']
out['default'] = [default[0]['CidrBlock'], len(ec2.describe_subnets(Filters=[{'Name': 'default-for-az', 'Values': ['true']}])['Subnets'])]
vpc = ec2.create_vpc(CidrBlock='10.0.0.0/16', TagSpecifications=[{'ResourceType': 'vpc', 'Tags': [{'Key': 'Name', 'Value': 'app'}]}])['Vpc']['VpcId']
out['badCidr'] = code(lambda: ec2.create_vpc(CidrBlock='10.0.0.0/8'))
out['unaligned'] = code(lambda: ec2.create_vpc(CidrBlock='10.0.0.1/16'))
sub = ec2.create_subnet(VpcId=vpc, CidrBlock='10.0.1.0/24', AvailabilityZone=region + 'c')['Subnet']
out['subnet'] = [sub['AvailabilityZone'], sub['AvailableIpAddressCount'], sub['SubnetArn'].split(':')[3]]
out['conflict'] = code(lambda: ec2.create_subnet(VpcId=vpc, CidrBlock='10.0.1.0/26'))
out['range'] = code(lambda: ec2.create_subnet(VpcId=vpc, CidrBlock='10.2.0.0/24'))
out['noVpc'] = code(lambda: ec2.create_subnet(VpcId='vpc-0000000000000dead', CidrBlock='10.0.2.0/24'))
out['badZone'] = code(lambda: ec2.create_subnet(VpcId=vpc, CidrBlock='10.0.2.0/24', AvailabilityZone='mars-1a'))
sg = ec2.create_security_group(GroupName='app', Description='app', VpcId=vpc)['GroupId']
out['dupGroup'] = code(lambda: ec2.create_security_group(GroupName='app', Description='again', VpcId=vpc))
ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[{'IpProtocol': 'tcp', 'FromPort': 443, 'ToPort': 443, 'IpRanges': [{'CidrIp': '0.0.0.0/0'}, {'CidrIp': '10.0.0.0/8'}]}])
out['dupRule'] = code(lambda: ec2.authorize_security_group_ingress(GroupId=sg, IpProtocol='tcp', FromPort=443, ToPort=443, CidrIp='10.0.0.0/8'))
g = ec2.describe_security_groups(GroupIds=[sg])['SecurityGroups'][0]
out['ingress'] = [(p['IpProtocol'], p.get('FromPort'), sorted(r['CidrIp'] for r in p['IpRanges'])) for p in g['IpPermissions']]
rules = ec2.describe_security_group_rules(Filters=[{'Name': 'group-id', 'Values': [sg]}])['SecurityGroupRules']
out['rules'] = sorted([r['IsEgress'], r.get('CidrIpv4')] for r in rules)
ec2.revoke_security_group_ingress(GroupId=sg, IpProtocol='tcp', FromPort=443, ToPort=443, CidrIp='0.0.0.0/0')
out['revokeAgain'] = code(lambda: ec2.revoke_security_group_ingress(GroupId=sg, IpProtocol='tcp', FromPort=443, ToPort=443, CidrIp='0.0.0.0/0'))
out['dry'] = code(lambda: ec2.run_instances(ImageId='ami-12345678', MinCount=1, MaxCount=1, SubnetId=sub['SubnetId'], DryRun=True))
res = ec2.run_instances(ImageId='ami-12345678', MinCount=3, MaxCount=3, InstanceType='t3.micro', SubnetId=sub['SubnetId'], SecurityGroupIds=[sg])
ids = [i['InstanceId'] for i in res['Instances']]
out['launched'] = [[i['State']['Name'], i['PrivateIpAddress']] for i in res['Instances']]
default_sg = ec2.describe_security_groups(Filters=[{'Name': 'vpc-id', 'Values': [default[0]['VpcId']]}])['SecurityGroups'][0]['GroupId']
out['otherVpcGroup'] = code(lambda: ec2.run_instances(ImageId='ami-12345678', MinCount=1, MaxCount=1, SubnetId=sub['SubnetId'], SecurityGroupIds=[default_sg]))
ec2.get_waiter('instance_running').wait(InstanceIds=ids, WaiterConfig={'Delay': 1, 'MaxAttempts': 30})
page = ec2.describe_instances(MaxResults=5, Filters=[{'Name': 'subnet-id', 'Values': [sub['SubnetId']]}])
out['paged'] = [sum(len(r['Instances']) for r in page['Reservations']), 'NextToken' in page]
out['inUse'] = [code(lambda: ec2.delete_security_group(GroupId=sg)), code(lambda: ec2.delete_subnet(SubnetId=sub['SubnetId'])), code(lambda: ec2.delete_vpc(VpcId=vpc))]
ec2.create_tags(Resources=[ids[0]], Tags=[{'Key': 'role', 'Value': 'web'}])
out['byTag'] = [i['InstanceId'] for r in ec2.describe_instances(Filters=[{'Name': 'tag:role', 'Values': ['w*']}])['Reservations'] for i in r['Instances']] == [ids[0]]
out['tags'] = [(t['ResourceType'], t['Key']) for t in ec2.describe_tags(Filters=[{'Name': 'resource-id', 'Values': [vpc, ids[0]]}])['Tags']]
out['badFilter'] = code(lambda: ec2.describe_instances(Filters=[{'Name': 'colour', 'Values': ['x']}]))
out['missing'] = code(lambda: ec2.terminate_instances(InstanceIds=['i-0123456789abcdef0']))
out['malformed'] = code(lambda: ec2.describe_instances(InstanceIds=['web-1']))
term = ec2.terminate_instances(InstanceIds=ids)['TerminatingInstances']
out['terminating'] = sorted({(t['PreviousState']['Name'], t['CurrentState']['Name']) for t in term})
ec2.get_waiter('instance_terminated').wait(InstanceIds=ids, WaiterConfig={'Delay': 1, 'MaxAttempts': 30})
ec2.delete_security_group(GroupId=sg)
ec2.delete_subnet(SubnetId=sub['SubnetId'])
ec2.delete_vpc(VpcId=vpc)
out['gone'] = code(lambda: ec2.describe_vpcs(VpcIds=[vpc]))
out['defaultGroup'] = code(lambda: ec2.delete_security_group(GroupName='default'))
print(json.dumps(out))
`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, {
      default: ['172.31.0.0/16', 3],
      badCidr: ['InvalidVpc.Range', 400],
      unaligned: ['InvalidParameterValue', 400],
      subnet: [`${sandbox.region}c`, 251, sandbox.region],
      conflict: ['InvalidSubnet.Conflict', 400],
      range: ['InvalidSubnet.Range', 400],
      noVpc: ['InvalidVpcID.NotFound', 400],
      badZone: ['InvalidParameterValue', 400],
      dupGroup: ['InvalidGroup.Duplicate', 400],
      dupRule: ['InvalidPermission.Duplicate', 400],
      ingress: [['tcp', 443, ['0.0.0.0/0', '10.0.0.0/8']]],
      rules: [
        [false, '0.0.0.0/0'],
        [false, '10.0.0.0/8'],
        [true, '0.0.0.0/0'],
      ],
      revokeAgain: ['InvalidPermission.NotFound', 400],
      dry: ['DryRunOperation', 412],
      launched: [
        ['pending', '10.0.1.4'],
        ['pending', '10.0.1.5'],
        ['pending', '10.0.1.6'],
      ],
      otherVpcGroup: ['InvalidParameter', 400],
      paged: [3, false],
      inUse: [
        ['DependencyViolation', 400],
        ['DependencyViolation', 400],
        ['DependencyViolation', 400],
      ],
      byTag: true,
      tags: [
        ['vpc', 'Name'],
        ['instance', 'role'],
      ],
      badFilter: ['InvalidParameterValue', 400],
      missing: ['InvalidInstanceID.NotFound', 400],
      malformed: ['InvalidInstanceID.Malformed', 400],
      terminating: [['running', 'shutting-down']],
      gone: ['InvalidVpcID.NotFound', 400],
      defaultGroup: ['CannotDelete', 400],
    });
  });

  it('the AWS CLI reads EC2 answers (lists as <item>, no Result wrapper) and its filters', async () => {
    const r = await awsCli(sandbox, ['ec2', 'describe-availability-zones', '--filters', 'Name=zone-name,Values=*b']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      (r.json as { AvailabilityZones: Array<{ ZoneName: string; ZoneId: string }> }).AvailabilityZones.map((z) => [z.ZoneName, z.ZoneId]),
      [[`${sandbox.region}b`, 'use1-az2']],
    );
    const bad = await awsCli(sandbox, ['ec2', 'describe-subnets', '--subnet-ids', 'subnet-0000000000000dead']);
    assert.match(
      bad.stderr,
      /\(InvalidSubnetID\.NotFound\) when calling the DescribeSubnets operation( \(reached max retries: 0\))?: The subnet ID 'subnet-0000000000000dead' does not exist/,
    );
    const unknown = await awsCli(sandbox, ['ec2', 'describe-key-pairs']);
    assert.match(unknown.stderr, /\(InvalidAction\) when calling the DescribeKeyPairs operation/);
  });
});
