// Services and operations the sandbox does not serve: each refused in its own protocol's shape, so the AWS CLI and
// boto3 raise a clean ClientError (not "invalid XML received"), and the served ones are listed at /_cortado/health.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Sandbox } from '../../../src/local/index.js';
import { SERVICE_FACTORIES } from '../../../src/local/services/index.js';
import { awsCli, boto3, clientEnv, withSandbox } from '../../helpers/sandbox.js';

const run = promisify(execFile);
/** The sandbox without IAM and EC2, so `aws iam list-roles` and `aws ec2 describe-vpcs` are requests for services it does not serve. */
const withoutIam = SERVICE_FACTORIES.filter((f) => f.name !== 'createIamService' && f.name !== 'createEc2Service');

describe('unserved services and operations (AWS CLI, boto3)', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await withSandbox({ factories: withoutIam });
  });
  after(async () => {
    await sandbox?.close();
  });

  for (const [args, serviceId, operation] of [
    [['ec2', 'describe-vpcs'], 'EC2', 'DescribeVpcs'],
    [['iam', 'list-roles'], 'IAM', 'ListRoles'],
    [['cloudformation', 'list-stacks'], 'CloudFormation', 'ListStacks'],
    [['sqs', 'list-queues'], 'SQS', 'ListQueues'],
    [['lambda', 'list-functions'], 'Lambda', 'ListFunctions'],
    [['cloudfront', 'list-distributions'], 'CloudFront', 'ListDistributions'],
  ] as const) {
    it(`aws ${args.join(' ')} fails cleanly with NotImplemented naming ${serviceId}`, async () => {
      const r = await awsCli(sandbox, args);
      assert.notEqual(r.code, 0, r.stderr);
      assert.match(
        r.stderr,
        new RegExp(
          `An error occurred \\(NotImplemented\\) when calling the ${operation} operation( \\(reached max retries: 0\\))?: cortado local does not serve ${serviceId} `,
        ),
      );
      assert.doesNotMatch(r.stderr, /invalid XML|Unable to parse/);
    });
  }

  it('answers EC2 in its own <Response><Errors> shape and Query services in <ErrorResponse>', async () => {
    const signed = (service: string) => ({
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      authorization: `AWS4-HMAC-SHA256 Credential=AKIACORTADOTEST00001/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`,
    });
    const ec2 = await fetch(sandbox.endpoint, { method: 'POST', headers: signed('ec2'), body: 'Action=DescribeVpcs&Version=2016-11-15' });
    assert.equal(ec2.status, 400);
    assert.match(
      await ec2.text(),
      /^<\?xml[^>]*>\n<Response><Errors><Error><Code>NotImplemented<\/Code><Message>cortado local does not serve EC2 [^<]*<\/Message><\/Error><\/Errors><RequestID>[0-9a-f-]{36}<\/RequestID><\/Response>$/,
    );
    const cfn = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: signed('cloudformation'),
      body: 'Action=ListStacks&Version=2010-05-15',
    });
    assert.match(await cfn.text(), /<ErrorResponse><Error><Type>Sender<\/Type><Code>NotImplemented<\/Code>/);
    const sqs = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'AmazonSQS.ListQueues', 'content-type': 'application/x-amz-json-1.0' },
      body: '{}',
    });
    assert.equal(((await sqs.json()) as { __type: string }).__type, 'NotImplemented');
  });

  it('refuses operations a served service does not implement with InvalidAction (Query) or UnknownOperationException (JSON)', async () => {
    const elb = await awsCli(sandbox, ['elbv2', 'describe-ssl-policies']);
    assert.match(
      elb.stderr,
      /\(InvalidAction\) when calling the DescribeSSLPolicies operation( \(reached max retries: 0\))?: The action DescribeSSLPolicies is not valid for this web service\./,
    );
    const ecs = await awsCli(sandbox, ['ecs', 'get-task-protection', '--cluster', 'default']);
    assert.match(ecs.stderr, /\(UnknownOperationException\) when calling the GetTaskProtection operation/);
    const r = await boto3(
      sandbox,
      `
from botocore.exceptions import ClientError
out={}
for name,call in [('ec2',lambda: boto3.client('ec2',endpoint_url=endpoint,region_name=region).describe_vpcs()),
                  ('cloudformation',lambda: boto3.client('cloudformation',endpoint_url=endpoint,region_name=region).list_stacks()),
                  ('iam',lambda: boto3.client('iam',endpoint_url=endpoint,region_name=region).list_roles()),
                  ('elbv2',lambda: boto3.client('elbv2',endpoint_url=endpoint,region_name=region).describe_ssl_policies())]:
  try: call(); out[name]='succeeded'
  except ClientError as e: out[name]=[e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']]
print(json.dumps(out))`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, {
      ec2: ['NotImplemented', 400],
      cloudformation: ['NotImplemented', 400],
      iam: ['NotImplemented', 400],
      elbv2: ['InvalidAction', 400],
    });
  });

  it('sweeps every botocore service and every unimplemented operation of the served ones: all clean ClientErrors (boto3)', async () => {
    const script = fileURLToPath(new URL('./unserved-sweep.py', import.meta.url));
    const { stdout } = await run('python3', [script], { env: clientEnv(sandbox), timeout: 600_000, maxBuffer: 16 * 1024 * 1024 });
    const out = JSON.parse(stdout) as { checks: number; codes: Record<string, number>; problems: unknown[]; skipped: unknown[] };
    assert.deepEqual(out.problems, []);
    // botocore 1.43.11 knows 424 services; a handful cannot be reached on the wire by boto3 (client-side endpoint rules, unsigned).
    assert.ok(out.checks > 800, `only ${out.checks} checks ran`);
    assert.ok(
      (out.codes.NotImplemented ?? 0) > 350 && (out.codes.UnknownOperationException ?? 0) > 100 && (out.codes.InvalidAction ?? 0) > 10,
      JSON.stringify(out.codes),
    );
    assert.ok(out.skipped.length < 15, JSON.stringify(out.skipped));
  });

  it('lists the served services, their protocols and operations at /_cortado/health', async () => {
    const h = (await (await fetch(`${sandbox.endpoint}/_cortado/health`)).json()) as {
      served: Array<{ name: string; signingName: string; protocols: string[]; operations: string[] }>;
    };
    const elbv2 = h.served.find((s) => s.name === 'elbv2');
    assert.equal(elbv2?.signingName, 'elasticloadbalancing');
    assert.deepEqual(elbv2?.protocols, ['query']);
    assert.ok(elbv2?.operations.includes('CreateLoadBalancer'));
    assert.ok(!elbv2?.operations.includes('DescribeSSLPolicies'));
    assert.equal(
      h.served.find((s) => s.name === 'iam'),
      undefined,
    );
  });
});
