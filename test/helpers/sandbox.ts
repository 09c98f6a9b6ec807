// Test helpers: a sandbox per suite, and the independent AWS clients (AWS CLI, boto3) pointed at it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startSandbox, type Sandbox, type StartOptions } from '../../src/local/index.js';

const run = promisify(execFile);

export async function withSandbox(options: StartOptions = {}): Promise<Sandbox> {
  return startSandbox({ port: 0, host: '127.0.0.1', ...options });
}

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

/** Runs `aws <args> --endpoint-url <sandbox>`; never throws on a non-zero exit. */
export async function awsCli(sandbox: Sandbox, args: readonly string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run('aws', [...args, '--endpoint-url', sandbox.endpoint, '--output', 'json'], {
      env: clientEnv(sandbox),
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr, json: stdout.trim() ? JSON.parse(stdout) : undefined };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : 1, stdout: err.stdout ?? '', stderr: err.stderr ?? '', json: undefined };
  }
}

/** Runs a python3 snippet with boto3; `endpoint` and `region` are defined for it. Prints JSON on stdout. */
export async function boto3(sandbox: Sandbox, code: string): Promise<CliResult> {
  const prelude = `import boto3, json, sys\nendpoint=${JSON.stringify(sandbox.endpoint)}\nregion=${JSON.stringify(sandbox.region)}\n`;
  try {
    const { stdout, stderr } = await run('python3', ['-c', prelude + code], { env: clientEnv(sandbox), maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr, json: stdout.trim() ? JSON.parse(stdout) : undefined };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : 1, stdout: err.stdout ?? '', stderr: err.stderr ?? '', json: undefined };
  }
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
