// Starts `cortado local start` as its own process for benchmarks, so client and sandbox do not share an event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export interface SandboxProcess {
  readonly endpoint: string;
  readonly pid: number;
  stop(): Promise<void>;
}

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'cortado.js');

/** Extra node flags for the sandbox process, e.g. BENCH_SANDBOX_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile it. */
const nodeArgs = (process.env.BENCH_SANDBOX_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);

/** `extraNodeArgs`: node flags the bench itself needs (e.g. --expose-gc to read the live heap). */
export async function startSandboxProcess(args: readonly string[] = [], extraNodeArgs: readonly string[] = []): Promise<SandboxProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [...extraNodeArgs, ...nodeArgs, bin, 'local', 'start', '--port', '0', '--output', 'json', ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /"endpoint":\s*"([^"]+)"/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${err}`)));
  });
  return {
    endpoint,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
