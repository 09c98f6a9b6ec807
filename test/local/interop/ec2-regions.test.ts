// EC2 networking and the EC2 launch type through independent clients: the AWS CLI makes a VPC, subnets and a security
// group, boto3 an ALB in them, two instances registered as container instances and a service whose tasks run, in
// eu-central-1 and us-east-1 at once; each region sees only its own resources, with its own region in every ARN.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Sandbox } from '../../../src/local/index.js';
import { awsCli, clientEnv, withSandbox, type CliResult } from '../../helpers/sandbox.js';

const run = promisify(execFile);
const REGIONS = ['eu-central-1', 'us-east-1'] as const;
const SETUP = fileURLToPath(new URL('./ec2-regions-setup.py', import.meta.url));

interface Built {
  readonly vpc: string;
  readonly subnets: readonly string[];
  readonly group: string;
  readonly arns: readonly string[];
  readonly lbVpc: string;
  readonly lbZones: readonly string[];
  readonly instances: readonly string[];
  readonly tasks: ReadonlyArray<{ readonly status: string; readonly containerInstanceArn?: string }>;
  readonly containerInstances: ReadonlyArray<{
    readonly arn: string;
    readonly ec2: string;
    readonly status: string;
    readonly registered: Record<string, number>;
    readonly remaining: Record<string, number>;
    readonly running: number;
  }>;
  readonly healthy: readonly string[];
  readonly big: { readonly tasks: number; readonly reasons: readonly string[] };
}

const json = <T>(r: CliResult): T => {
  assert.equal(r.code, 0, r.stderr);
  return r.json as T;
};

describe('EC2 networking, EC2 launch type, two regions at once (AWS CLI + boto3)', () => {
  let sandbox: Sandbox;
  const built = new Map<string, Built>();
  const cli = (region: string, args: readonly string[]) => awsCli(sandbox, [...args, '--region', region]);

  async function build(region: string): Promise<Built> {
    const vpc = json<{ Vpc: { VpcId: string } }>(await cli(region, ['ec2', 'create-vpc', '--cidr-block', '10.0.0.0/16'])).Vpc.VpcId;
    const subnets: string[] = [];
    for (const [i, zone] of ['a', 'b'].entries()) {
      const s = await cli(region, [
        'ec2',
        'create-subnet',
        '--vpc-id',
        vpc,
        '--cidr-block',
        `10.0.${i}.0/24`,
        '--availability-zone',
        `${region}${zone}`,
      ]);
      subnets.push(json<{ Subnet: { SubnetId: string } }>(s).Subnet.SubnetId);
    }
    const group = json<{ GroupId: string }>(
      await cli(region, ['ec2', 'create-security-group', '--group-name', 'shop', '--description', 'shop tasks', '--vpc-id', vpc]),
    ).GroupId;
    json(
      await cli(region, [
        'ec2',
        'authorize-security-group-ingress',
        '--group-id',
        group,
        '--protocol',
        'tcp',
        '--port',
        '8080',
        '--cidr',
        '10.0.0.0/16',
      ]),
    );
    const out = await run('python3', [SETUP, vpc, subnets.join(','), group], {
      env: { ...clientEnv(sandbox), AWS_REGION: region, AWS_DEFAULT_REGION: region },
      timeout: 600_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { vpc, subnets, group, ...(JSON.parse(out.stdout) as Omit<Built, 'vpc' | 'subnets' | 'group'>) };
  }

  before(async () => {
    sandbox = await withSandbox({ speed: 10 });
    const results = await Promise.all(REGIONS.map((r) => build(r)));
    REGIONS.forEach((r, i) => built.set(r, results[i]!));
  });
  after(async () => {
    await sandbox?.close();
  });

  for (const region of REGIONS) {
    it(`${region}: the ALB sits in the CLI's VPC and subnets, and the service's two tasks run on the two container instances`, () => {
      const b = built.get(region)!;
      assert.equal(b.lbVpc, b.vpc);
      assert.deepEqual(b.lbZones, [`${region}a`, `${region}b`]);
      assert.equal(b.tasks.length, 2);
      assert.ok(
        b.tasks.every((t) => t.status === 'RUNNING'),
        JSON.stringify(b.tasks),
      );
      // Spread over the instances: one task on each.
      assert.deepEqual(new Set(b.tasks.map((t) => t.containerInstanceArn)), new Set(b.containerInstances.map((c) => c.arn)));
      for (const c of b.containerInstances) {
        assert.equal(c.status, 'ACTIVE');
        assert.ok(b.instances.includes(c.ec2));
        assert.deepEqual(c.registered, { CPU: 2048, MEMORY: 3840 });
        assert.deepEqual(c.remaining, { CPU: 1536, MEMORY: 2816 });
        assert.equal(c.running, 1);
      }
      assert.deepEqual(b.healthy, ['healthy', 'healthy']);
      assert.deepEqual(b.big, { tasks: 0, reasons: ['RESOURCE:CPU', 'RESOURCE:CPU'] });
    });

    it(`${region}: every ARN carries ${region}, and the region lists only its own resources`, async () => {
      const b = built.get(region)!;
      const other = REGIONS.find((r) => r !== region)!;
      for (const arn of b.arns) assert.match(arn, new RegExp(`^arn:aws:[a-z-]+:${region}:000000000000:`), arn);
      const vpcs = json<{ Vpcs: Array<{ VpcId: string; IsDefault: boolean }> }>(await cli(region, ['ec2', 'describe-vpcs'])).Vpcs;
      assert.deepEqual(
        vpcs.filter((v) => !v.IsDefault).map((v) => v.VpcId),
        [b.vpc],
      );
      const clusters = json<{ clusterArns: string[] }>(await cli(region, ['ecs', 'list-clusters'])).clusterArns;
      assert.deepEqual(clusters, [`arn:aws:ecs:${region}:000000000000:cluster/shop`]);
      const lbs = json<{ LoadBalancers: Array<{ LoadBalancerArn: string }> }>(
        await cli(region, ['elbv2', 'describe-load-balancers']),
      ).LoadBalancers;
      assert.deepEqual(
        lbs.map((l) => l.LoadBalancerArn),
        [b.arns[0]],
      );
      // The other region's VPC does not exist here.
      const foreign = await cli(region, ['ec2', 'describe-vpcs', '--vpc-ids', built.get(other)!.vpc]);
      assert.match(foreign.stderr, /\(InvalidVpcID\.NotFound\) when calling the DescribeVpcs operation.*does not exist/);
    });
  }

  it("GET /_cortado/elbv2/listeners (what `cortado local ls` reads) lists both regions' listeners, and each answers HTTP", async () => {
    const body = (await (await fetch(`${sandbox.endpoint}/_cortado/elbv2/listeners`)).json()) as {
      listeners: Array<{ listenerArn: string; url: string }>;
    };
    const wanted = REGIONS.map((r) => built.get(r)!.arns[2]!);
    assert.deepEqual(body.listeners.map((l) => l.listenerArn).sort(), [...wanted].sort());
    for (const l of body.listeners) {
      const res = await fetch(`${l.url}/`);
      assert.equal(res.status, 200, `${l.listenerArn} via ${l.url}`);
      await res.arrayBuffer();
    }
  });

  it('refuses ids EC2 does not know once networking exists: EC2, ELBv2 and ECS each with AWS error', async () => {
    const region = 'eu-central-1';
    const b = built.get(region)!;
    const overlap = await cli(region, ['ec2', 'create-subnet', '--vpc-id', b.vpc, '--cidr-block', '10.0.0.128/25']);
    assert.match(overlap.stderr, /\(InvalidSubnet\.Conflict\)/);
    const outside = await cli(region, ['ec2', 'create-subnet', '--vpc-id', b.vpc, '--cidr-block', '10.9.0.0/24']);
    assert.match(outside.stderr, /\(InvalidSubnet\.Range\)/);
    const busy = await cli(region, ['ec2', 'delete-vpc', '--vpc-id', b.vpc]);
    assert.match(busy.stderr, /\(DependencyViolation\)/);
    const lb = await cli(region, [
      'elbv2',
      'create-load-balancer',
      '--name',
      'ghost',
      '--subnets',
      b.subnets[0]!,
      'subnet-0000000000000dead',
    ]);
    assert.match(lb.stderr, /\(SubnetNotFound\).*The subnet ID 'subnet-0000000000000dead' does not exist/);
    const tg = await cli(region, [
      'elbv2',
      'create-target-group',
      '--name',
      'ghost',
      '--protocol',
      'HTTP',
      '--port',
      '80',
      '--vpc-id',
      'vpc-0000000000000dead',
    ]);
    assert.match(tg.stderr, /\(ValidationError\).*vpc-0000000000000dead/);
    const svc = await cli(region, [
      'ecs',
      'create-service',
      '--cluster',
      'shop',
      '--service-name',
      'ghost',
      '--task-definition',
      'shop',
      '--desired-count',
      '1',
      '--launch-type',
      'EC2',
      '--network-configuration',
      'awsvpcConfiguration={subnets=[subnet-0000000000000dead]}',
    ]);
    assert.match(
      svc.stderr,
      /\(InvalidParameterException\).*Error retrieving subnet information for \[subnet-0000000000000dead\]: The subnet ID 'subnet-0000000000000dead' does not exist/,
    );
  });
});
