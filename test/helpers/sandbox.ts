// Test helpers: a sandbox per suite, and the independent AWS clients (AWS CLI, boto3) pointed at it.
import { execFile, spawn } from 'node:child_process';
import { after } from 'node:test';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startSandbox, type Sandbox, type StartOptions } from '../../src/local/index.js';

const run = promisify(execFile);

/** Every sandbox a test file started: closed once its tests are done, in case a failed test left one open. */
const started = new Set<Sandbox>();
// Only in a test file's process (benches use these helpers too): an open sandbox would keep the file's process, and so the
// whole run, waiting forever. node's own runner marks its files' processes with NODE_TEST_CONTEXT; scripts/test-pool.mjs,
// which runs each file without it, with CORTADO_TEST_FILE.
if (process.env.NODE_TEST_CONTEXT || process.env.CORTADO_TEST_FILE)
  after(async () => {
    await Promise.allSettled([...started].map((s) => s.close()));
  });

export async function withSandbox(options: StartOptions = {}): Promise<Sandbox> {
  const sandbox = await startSandbox({ port: 0, host: '127.0.0.1', ...options });
  started.add(sandbox);
  return sandbox;
}

/**
 * What an AWS SDK v3 client needs to reach `sandbox` (spread into `new ECSClient(...)` and the like): its endpoint and
 * region, and a test key; `maxAttempts: 1` where a test wants to see the first error, not a retry.
 */
export const sdkConfig = (
  sandbox: Pick<Sandbox, 'endpoint' | 'region'>,
  o: { readonly accessKeyId?: string; readonly region?: string; readonly maxAttempts?: number } = {},
) => ({
  endpoint: sandbox.endpoint,
  region: o.region ?? sandbox.region,
  credentials: { accessKeyId: o.accessKeyId ?? 'AKIACORTADOTEST00001', secretAccessKey: 'cortado-test-secret' },
  ...(o.maxAttempts !== undefined ? { maxAttempts: o.maxAttempts } : {}),
});

export const clientEnv = (sandbox: Sandbox): NodeJS.ProcessEnv => ({
  ...process.env,
  AWS_ACCESS_KEY_ID: 'AKIACORTADOTEST00001',
  AWS_SECRET_ACCESS_KEY: 'cortado-test-secret',
  AWS_DEFAULT_REGION: sandbox.region,
  AWS_REGION: sandbox.region,
  AWS_ENDPOINT_URL: sandbox.endpoint,
  AWS_PAGER: '',
  AWS_MAX_ATTEMPTS: '1',
  AWS_RETRY_MODE: 'standard',
});

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly json: unknown;
}

/**
 * Runs `request` in the AWS CLI server when it runs, else `program` with `args` (the same command or snippet in a process
 * of its own), with the sandbox's client environment; the JSON it printed when it succeeded. Never throws on a non-zero exit.
 */
async function runClient(sandbox: Sandbox, request: ClientRequest, program: string, args: readonly string[]): Promise<CliResult> {
  const env = clientEnv(sandbox);
  const served = await awsCliServer().run(request, env);
  if (served) return { ...served, json: served.code === 0 && served.stdout.trim() ? JSON.parse(served.stdout) : undefined };
  try {
    const { stdout, stderr } = await run(program, args, { env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr, json: stdout.trim() ? JSON.parse(stdout) : undefined };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : 1, stdout: err.stdout ?? '', stderr: err.stderr ?? '', json: undefined };
  }
}

/** Runs `aws <args> --endpoint-url <sandbox>`; never throws on a non-zero exit. */
export async function awsCli(sandbox: Sandbox, args: readonly string[]): Promise<CliResult> {
  const argv = [...args, '--endpoint-url', sandbox.endpoint, '--output', 'json'];
  return runClient(sandbox, { args: argv }, 'aws', argv);
}

/** What the AWS CLI server runs: an AWS CLI command (`args`) or a Python snippet (`code`, as `python3 -c`). */
type ClientRequest = { readonly args: readonly string[] } | { readonly code: string };

let server: ReturnType<typeof startAwsCliServer> | undefined;
const awsCliServer = () => (server ??= startAwsCliServer());

/**
 * The AWS CLI's own code and boto3, imported once per test process (test/helpers/aws-cli-server.py) and forked per command
 * or snippet: a command costs ~0.25 s of CPU instead of ~0.8 s. `run` answers undefined when the server is not available (no awscli
 * module for python3, or CORTADO_TEST_AWS_CLI=spawn): the caller runs the `aws` program instead.
 */
function startAwsCliServer() {
  const waiting = new Map<number, (r: Omit<CliResult, 'json'>) => void>();
  let nextId = 1;
  let ready: Promise<boolean> = Promise.resolve(false);
  let child: ReturnType<typeof spawn> | undefined;
  if (process.env.CORTADO_TEST_AWS_CLI !== 'spawn') {
    child = spawn('python3', [fileURLToPath(new URL('./aws-cli-server.py', import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'] });
    const proc = child;
    proc.unref();
    (proc.stdout as unknown as { unref(): void }).unref();
    (proc.stdin as unknown as { unref(): void }).unref();
    const lines = createInterface({ input: proc.stdout! });
    ready = new Promise<boolean>((resolve) => {
      proc.once('error', () => resolve(false));
      proc.once('exit', () => {
        resolve(false);
        for (const [id, answer] of waiting) {
          waiting.delete(id);
          answer({ code: 255, stdout: '', stderr: 'the AWS CLI server ended' });
        }
      });
      lines.on('line', (line) => {
        const m = JSON.parse(line) as { ready?: boolean; id?: number; code: number; stdout: string; stderr: string };
        if (m.ready !== undefined) return resolve(m.ready);
        const answer = waiting.get(m.id!);
        waiting.delete(m.id!);
        answer?.({ code: m.code, stdout: m.stdout, stderr: m.stderr });
      });
    });
  }
  return {
    async run(request: ClientRequest, env: NodeJS.ProcessEnv): Promise<Omit<CliResult, 'json'> | undefined> {
      if (!(await ready) || !child) return undefined;
      const id = nextId++;
      const answer = new Promise<Omit<CliResult, 'json'>>((resolve) => waiting.set(id, resolve));
      // Only while a command runs does the server keep this process alive.
      child.ref();
      child.stdin!.write(`${JSON.stringify({ id, ...request, env, cwd: process.cwd() })}\n`);
      try {
        return await answer;
      } finally {
        if (waiting.size === 0) child.unref();
      }
    },
  };
}

/**
 * Runs a python3 snippet with boto3 (through the same server as the AWS CLI when it runs: a snippet then costs a fork, not
 * Python's start and boto3's import); `endpoint` and `region` are defined for it. Prints JSON on stdout.
 */
export async function boto3(sandbox: Sandbox, code: string): Promise<CliResult> {
  const prelude = `import boto3, json, sys\nendpoint=${JSON.stringify(sandbox.endpoint)}\nregion=${JSON.stringify(sandbox.region)}\n`;
  return runClient(sandbox, { code: prelude + code }, 'python3', ['-c', prelude + code]);
}

/** Polls `check` every `everyMs` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
  everyMs = 100,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Sets some of a sandbox's fault settings at run time (latencyMs, consistencyDelayMs, throttle...); throws when refused. */
export async function setFaults(endpoint: string, faults: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${endpoint}/_cortado/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
  if (!res.ok) throw new Error(`setting faults ${JSON.stringify(faults)} failed: HTTP ${res.status} ${await res.text()}`);
}
