// End-to-end harness: a sandbox per test file, `node bin/cortado.js` spawned against it by endpoint URL, and the API calls
// each CLI run made (from /_cortado/calls) kept to check them against `cortado iam-policy`.
import { spawn } from 'node:child_process';
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
  type Tag,
} from '@aws-sdk/client-ecs';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { iamAction } from '../../src/deploy/iam-actions.js';
import type { StartOptions } from '../../src/local/index.js';
import { commandOf } from '../helpers/iam-coverage.js';
import { eventually, withSandbox } from '../helpers/sandbox.js';

/** The checkout: through the link its package.json is when the tests run from the compiled mirror (scripts/test-build.mjs). */
export const ROOT = dirname(realpathSync(join(dirname(fileURLToPath(import.meta.url)), '../../package.json')));
const BIN = join(ROOT, 'bin/cortado.js');

export interface CallRecord {
  readonly seq: number;
  readonly service: string;
  readonly operation: string;
  readonly status: number;
  readonly mutating: boolean;
  readonly errorCode?: string;
}

export interface CliRun {
  readonly args: readonly string[];
  readonly cwd: string;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The API calls the sandbox received while this run was the only thing talking to it. */
  readonly calls: readonly CallRecord[];
  json<T = Record<string, unknown>>(): T;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(p) : st.mtimeMs);
  }
  return newest;
}

/** The e2e tests run the compiled CLI: `npm test` builds first; a stale dist/ would test old code, so it fails loudly. */
export function assertBuilt(): void {
  let built: number;
  try {
    built = statSync(join(ROOT, 'dist/cli/commands/deploy-commands.js')).mtimeMs;
  } catch {
    throw new Error('dist/ has no deploy commands: run `npm run build` first (npm test does)');
  }
  const src = Math.max(...['deploy', 'config', 'aws'].map((d) => newestMtime(join(ROOT, 'src', d))));
  if (src > built + 1000) throw new Error('dist/ is older than src/deploy|config|aws: run `npm run build` first (npm test does)');
}

export async function startE2E(options: StartOptions = {}) {
  assertBuilt();
  const sandbox = await withSandbox({ speed: 30, ...options });
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    AWS_ENDPOINT_URL: sandbox.endpoint,
    AWS_ACCESS_KEY_ID: 'AKIACORTADOE2E00001',
    AWS_SECRET_ACCESS_KEY: 'cortado-e2e-secret',
    AWS_REGION: sandbox.region,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_EC2_METADATA_DISABLED: 'true',
    NO_COLOR: '1',
  };
  const clientConfig = {
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! },
  };
  const ecs = new ECSClient(clientConfig);
  const logs = new CloudWatchLogsClient(clientConfig);
  const ssm = new SSMClient(clientConfig);
  const iam = new IAMClient(clientConfig);
  /** A role ECS tasks may assume (what `verify` checks an executionRoleArn/taskRoleArn for). */
  const createTaskRole = async (name: string) =>
    iam.send(
      new CreateRoleCommand({
        RoleName: name,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
  const runs: CliRun[] = [];
  let queue: Promise<unknown> = Promise.resolve();

  async function calls(since = 0): Promise<CallRecord[]> {
    const res = await fetch(`${sandbox.endpoint}/_cortado/calls?since=${since}`);
    return ((await res.json()) as { calls: CallRecord[] }).calls;
  }
  const lastSeq = async () => (await calls()).reduce((m, c) => Math.max(m, c.seq), 0);

  function spawnCli(
    args: readonly string[],
    cwd: string,
    extraEnv: Record<string, string | undefined>,
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const merged = Object.fromEntries(Object.entries({ ...env, ...extraEnv }).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
      const child = spawn(process.execPath, [BIN, ...args], { cwd, env: merged });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
  }

  /** Runs one CLI command; runs are serialised so each one's API calls are its own. */
  function cli(args: readonly string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<CliRun> {
    const run = queue.then(async () => {
      const before = await lastSeq();
      const out = await spawnCli(args, opts.cwd ?? ROOT, opts.env ?? {});
      const r: CliRun = {
        args,
        cwd: opts.cwd ?? ROOT,
        ...out,
        calls: await calls(before),
        json<T>() {
          try {
            return JSON.parse(out.stdout) as T;
          } catch {
            throw new Error(`cortado ${args.join(' ')} printed no JSON on stdout:\n${out.stdout}\n${out.stderr}`);
          }
        },
      };
      runs.push(r);
      return r;
    });
    queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Acceptance 4: every action the sandbox recorded for a CLI run appears in `cortado iam-policy <command>` (with the same
   * config, from the same directory). Runs that made no call are skipped; runs sharing command and directory share one policy.
   */
  async function assertIamCoverage(): Promise<{ checked: number; actions: Set<string> }> {
    const policies = new Map<string, Set<string>>();
    const seen = new Set<string>();
    let checked = 0;
    for (const r of [...runs]) {
      if (r.calls.length === 0 || r.args[0] === 'iam-policy') continue;
      // The policy is COMMAND_CALLS for the command plus what this config's templates and assume_role_arn add.
      const command = commandOf(r.args);
      const config = r.args.includes('--config') ? r.args[r.args.indexOf('--config') + 1]! : undefined;
      const key = `${command}\0${r.cwd}\0${config ?? ''}`;
      let allowed = policies.get(key);
      if (!allowed) {
        const p = await spawnCli(
          ['iam-policy', ...command.split(' '), '--output', 'json', ...(config ? ['--config', config] : [])],
          r.cwd,
          {},
        );
        if (p.code !== 0) throw new Error(`cortado iam-policy ${command} failed in ${r.cwd}: ${p.stderr}${p.stdout}`);
        const doc = JSON.parse(p.stdout) as { Statement: { Action: string[] }[] };
        allowed = new Set(doc.Statement.flatMap((s) => s.Action));
        policies.set(key, allowed);
      }
      for (const c of r.calls) {
        const action = iamAction(c.service, c.operation);
        seen.add(action);
        if (!allowed.has(action))
          throw new Error(
            `cortado ${r.args.join(' ')} called ${c.service}:${c.operation}, but \`cortado iam-policy ${command}\` does not allow ${action}`,
          );
      }
      checked++;
    }
    return { checked, actions: seen };
  }

  return {
    sandbox,
    env,
    ecs,
    logs,
    ssm,
    createTaskRole,
    runs,
    cli,
    calls,
    lastSeq,
    assertIamCoverage,
    async close() {
      ecs.destroy();
      logs.destroy();
      ssm.destroy();
      iam.destroy();
      await sandbox.close();
    },
  };
}

export type E2E = Awaited<ReturnType<typeof startE2E>>;

/** A container port unlikely to clash with other sandboxes' tasks on this machine (their tasks share 127.0.x.y addresses). */
export const freePortGuess = (): number => 20_000 + Math.floor(Math.random() * 9_000);

/** The unified diff's changed lines, without the file headers. */
export const diffBody = (text: string): string[] => text.split('\n').filter((l) => /^[-+]/.test(l) && !/^(---|\+\+\+) /.test(l));

/**
 * A service made outside cortado (by Terraform, say), as the e2e tests find it: its cluster, a first revision, a Fargate
 * service with the circuit breaker (rollback on), waited for until its one deployment completed with every task running.
 */
export async function existingService(
  e: E2E,
  o: {
    cluster: string;
    service: string;
    taskDefinition: RegisterTaskDefinitionCommandInput;
    desiredCount?: number;
    subnets?: string[];
    tags?: Tag[];
  },
): Promise<void> {
  const desiredCount = o.desiredCount ?? 1;
  await e.ecs.send(new CreateClusterCommand({ clusterName: o.cluster }));
  const td = await e.ecs.send(new RegisterTaskDefinitionCommand(o.taskDefinition));
  await e.ecs.send(
    new CreateServiceCommand({
      cluster: o.cluster,
      serviceName: o.service,
      taskDefinition: td.taskDefinition!.taskDefinitionArn!,
      desiredCount,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: o.subnets ?? ['subnet-0a'], securityGroups: ['sg-0a'] } },
      deploymentConfiguration: {
        deploymentCircuitBreaker: { enable: true, rollback: true },
        maximumPercent: 200,
        minimumHealthyPercent: 100,
      },
      ...(o.tags ? { tags: o.tags } : {}),
    }),
  );
  await eventually(
    async () => {
      const s = (await e.ecs.send(new DescribeServicesCommand({ cluster: o.cluster, services: [o.service] }))).services?.[0];
      return s?.runningCount === desiredCount && s.deployments?.length === 1 && s.deployments[0]?.rolloutState === 'COMPLETED'
        ? true
        : undefined;
    },
    30_000,
    200,
    `${o.service} to be stable`,
  );
}
