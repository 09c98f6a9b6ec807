// The sandbox as a host: the CLI process, signatures, faults, eventual consistency and --state-dir.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../src/local/index.js';
import { awsCli, clientEnv, eventually, withSandbox } from '../helpers/sandbox.js';
import { REAPER_TITLE } from '../../src/local/runtime/task-reaper.js';

const TASK_DEF = [
  '--family',
  'web',
  '--network-mode',
  'awsvpc',
  '--requires-compatibilities',
  'FARGATE',
  '--cpu',
  '256',
  '--memory',
  '512',
  '--container-definitions',
  JSON.stringify([{ name: 'app', image: 'cortado/demo-app:v1', essential: true, portMappings: [{ containerPort: 8080 }] }]),
];
const NETWORK = ['--network-configuration', 'awsvpcConfiguration={subnets=[subnet-12345678],securityGroups=[sg-12345678]}'];

const alive = (pid: number) => existsSync(`/proc/${pid}`);

describe('cortado local start (the CLI process)', () => {
  it('answers health once ready, runs tasks, and on SIGTERM stops every task process it started', async () => {
    const child = spawn(process.execPath, ['bin/cortado.js', 'local', 'start', '--port', '0', '--speed', '20', '--output', 'json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const endpoint = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /"endpoint":\s*"([^"]+)"/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const health = await fetch(`${endpoint}/_cortado/health`);
      assert.equal(health.status, 200);
      assert.equal(((await health.json()) as { status: string }).status, 'ok');
      const sandbox = { endpoint, region: 'us-east-1' } as Sandbox;
      assert.equal((await awsCli(sandbox, ['ecs', 'create-cluster', '--cluster-name', 'c'])).code, 0);
      assert.equal((await awsCli(sandbox, ['ecs', 'register-task-definition', ...TASK_DEF])).code, 0);
      assert.equal(
        (
          await awsCli(sandbox, [
            'ecs',
            'create-service',
            '--cluster',
            'c',
            '--service-name',
            's',
            '--task-definition',
            'web',
            '--desired-count',
            '2',
            '--launch-type',
            'FARGATE',
            ...NETWORK,
          ])
        ).code,
        0,
      );
      const pids = await eventually(
        async () => {
          const tasks = (await awsCli(sandbox, ['ecs', 'list-tasks', '--cluster', 'c'])).json as { taskArns: string[] };
          if (tasks.taskArns.length < 2) return undefined;
          const described = (await awsCli(sandbox, ['ecs', 'describe-tasks', '--cluster', 'c', '--tasks', ...tasks.taskArns])).json as {
            tasks: Array<{ lastStatus: string }>;
          };
          if (!described.tasks.every((t) => t.lastStatus === 'RUNNING')) return undefined;
          const { execSync } = await import('node:child_process');
          // The sandbox's children: its task processes, and the watcher that reaps them if the sandbox dies (not a task).
          const out = execSync(`ps -o pid=,comm= --ppid ${child.pid}`)
            .toString()
            .trim()
            .split('\n')
            .map((line) => line.trim().split(/\s+/))
            .filter(([pid, comm]) => pid && comm !== REAPER_TITLE)
            .map(([pid]) => Number(pid));
          return out.length >= 2 ? out : undefined;
        },
        30_000,
        200,
        'two running task processes',
      );
      const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exit, 0);
      for (const pid of pids) assert.equal(alive(pid), false, `task process ${pid} outlived the sandbox`);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('rejects a bad flag with exit code 2 and names the flag', async () => {
    const child = spawn(process.execPath, ['bin/cortado.js', 'local', 'start', '--speed', 'fast'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 2);
    assert.match(err, /--speed expects a number/);
  });
});

describe('--verify-signatures', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await withSandbox({ signatureKeys: { AKIACORTADOTEST00001: 'cortado-test-secret' } });
  });
  after(async () => {
    await sandbox.close();
  });

  it('accepts correctly signed calls from the AWS CLI over JSON, Query and restXml', async () => {
    for (const args of [
      ['ecs', 'list-clusters'],
      ['sts', 'get-caller-identity'],
      ['elbv2', 'describe-load-balancers'],
      ['route53', 'list-hosted-zones'],
      ['s3api', 'list-buckets'],
    ]) {
      const r = await awsCli(sandbox, args);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    }
  });

  it("answers AWS's errors for a wrong secret and an unknown key", async () => {
    const wrong = { ...sandbox, endpoint: sandbox.endpoint } as Sandbox;
    const run = async (key: string, secret: string, args: string[]) => {
      const { execFile } = await import('node:child_process');
      return new Promise<string>((resolve) => {
        execFile(
          'aws',
          [...args, '--endpoint-url', wrong.endpoint],
          { env: { ...clientEnv(sandbox), AWS_ACCESS_KEY_ID: key, AWS_SECRET_ACCESS_KEY: secret } },
          (_e, _out, stderr) => resolve(stderr),
        );
      });
    };
    assert.match(await run('AKIACORTADOTEST00001', 'wrong', ['ecs', 'list-clusters']), /InvalidSignatureException/);
    assert.match(await run('AKIAUNKNOWN000000000', 'x', ['ecs', 'list-clusters']), /UnrecognizedClientException/);
    assert.match(await run('AKIACORTADOTEST00001', 'wrong', ['sts', 'get-caller-identity']), /SignatureDoesNotMatch/);
    assert.match(await run('AKIAUNKNOWN000000000', 'x', ['sts', 'get-caller-identity']), /InvalidClientTokenId/);
    assert.match(await run('AKIACORTADOTEST00001', 'wrong', ['s3api', 'list-buckets']), /SignatureDoesNotMatch/);
  });
});

describe('faults', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await withSandbox();
  });
  after(async () => {
    await sandbox.close();
  });
  const setFaults = async (body: unknown) => {
    const res = await fetch(`${sandbox.endpoint}/_cortado/faults`, { method: 'POST', body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  const reset = () => setFaults({ throttle: [], errorRate: 0, latencyMs: 0, consistencyDelayMs: 0 });

  it("throttles by operation with a token bucket, in each protocol's own code", async (t) => {
    t.after(reset);
    assert.equal(
      (
        await setFaults({
          throttle: [
            { service: 'ecs', operation: 'ListClusters', rate: 0.01, burst: 1 },
            { service: 'elbv2', operation: '*', rate: 0.01, burst: 1 },
          ],
        })
      ).status,
      200,
    );
    assert.equal((await awsCli(sandbox, ['ecs', 'list-clusters'])).code, 0);
    assert.match((await awsCli(sandbox, ['ecs', 'list-clusters'])).stderr, /ThrottlingException/);
    assert.equal((await awsCli(sandbox, ['ecs', 'list-task-definitions'])).code, 0, 'other operations are not throttled');
    // '*' gives every operation of the service its own bucket.
    assert.equal((await awsCli(sandbox, ['elbv2', 'describe-load-balancers'])).code, 0);
    assert.match((await awsCli(sandbox, ['elbv2', 'describe-load-balancers'])).stderr, /\(Throttling\)/);
    assert.equal((await awsCli(sandbox, ['elbv2', 'describe-target-groups'])).code, 0);
  });

  it('answers a 500 at the configured error rate and adds latency', async (t) => {
    t.after(reset);
    await setFaults({ errorRate: 1 });
    const r = await awsCli(sandbox, ['ecs', 'list-clusters']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /InternalFailure|500/);
    await setFaults({ errorRate: 0, latencyMs: 300 });
    const started = Date.now();
    await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListClusters', 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
    assert.ok(Date.now() - started >= 300, 'latency was not applied');
  });

  it('hides new resources from reads for the consistency delay', async (t) => {
    t.after(reset);
    // Long enough that an AWS CLI process started on a loaded machine (seconds each) still reads inside the delay; a
    // resource's visibility is fixed when it is created, so the wait below covers the rest of the delay.
    await setFaults({ consistencyDelayMs: 15_000 });
    assert.equal((await awsCli(sandbox, ['ecs', 'create-cluster', '--cluster-name', 'late'])).code, 0);
    const early = (await awsCli(sandbox, ['ecs', 'describe-clusters', '--clusters', 'late'])).json as {
      failures: Array<{ reason: string }>;
    };
    assert.equal(early.failures[0]?.reason, 'MISSING');
    await setFaults({ consistencyDelayMs: 0 });
    await eventually(
      async () => {
        const later = (await awsCli(sandbox, ['ecs', 'describe-clusters', '--clusters', 'late'])).json as { clusters: unknown[] };
        return later.clusters.length === 1 ? true : undefined;
      },
      60_000,
      500,
      'the cluster to become visible',
    );
  });

  it('refuses bad fault settings and names the field', async () => {
    const r = await setFaults({ errorRate: 2 });
    assert.equal(r.status, 400);
    assert.match(String(r.body.error), /errorRate/);
  });
});

describe('--state-dir', () => {
  it('keeps clusters, task definitions and services across a restart, and restarts their tasks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cortado-state-'));
    try {
      let sandbox = await withSandbox({ stateDir: dir, speed: 20 });
      assert.equal((await awsCli(sandbox, ['ecs', 'create-cluster', '--cluster-name', 'keep'])).code, 0);
      assert.equal((await awsCli(sandbox, ['ecs', 'register-task-definition', ...TASK_DEF])).code, 0);
      assert.equal(
        (
          await awsCli(sandbox, [
            'ecs',
            'create-service',
            '--cluster',
            'keep',
            '--service-name',
            'web',
            '--task-definition',
            'web',
            '--desired-count',
            '1',
            '--launch-type',
            'FARGATE',
            ...NETWORK,
          ])
        ).code,
        0,
      );
      await eventually(
        async () =>
          (
            (await awsCli(sandbox, ['ecs', 'describe-services', '--cluster', 'keep', '--services', 'web'])).json as {
              services: Array<{ runningCount: number }>;
            }
          ).services[0]?.runningCount === 1
            ? true
            : undefined,
        30_000,
        200,
        'one running task',
      );
      await sandbox.close();
      sandbox = await withSandbox({ stateDir: dir, speed: 20 });
      try {
        const td = (await awsCli(sandbox, ['ecs', 'describe-task-definition', '--task-definition', 'web'])).json as {
          taskDefinition: { revision: number };
        };
        assert.equal(td.taskDefinition.revision, 1);
        await eventually(
          async () =>
            (
              (await awsCli(sandbox, ['ecs', 'describe-services', '--cluster', 'keep', '--services', 'web'])).json as {
                services: Array<{ runningCount: number }>;
              }
            ).services[0]?.runningCount === 1
              ? true
              : undefined,
          30_000,
          200,
          'the task running again after the restart',
        );
      } finally {
        await sandbox.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
