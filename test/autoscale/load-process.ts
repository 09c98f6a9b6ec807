// `cortado local load` as a process of its own (the built CLI), as load comes from outside a service: its sending does
// not share the sandbox's event loop (the sandbox's load balancer runs in the test process), and its connections stay
// warm across the steps of one profile.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../e2e/e2e-harness.js';

export interface LoadSecond {
  readonly elapsedMs: number;
  readonly targetRate: number;
  readonly sent: number;
  readonly answered: number;
  readonly inFlight: number;
}

export interface LoadProcess {
  /** ms since the epoch when the generator started sending (from its first per-second line). */
  readonly started: Promise<number>;
  readonly seconds: readonly LoadSecond[];
  /** Ctrl-C: the generator stops sending, waits for its answers and exits. */
  stop(): Promise<void>;
}

/** Spawns `cortado local load URL --profile PROFILE --output json` (run `npm run build` first). */
export function loadProcess(url: string, profile: string): LoadProcess {
  const child = spawn(process.execPath, [join(ROOT, 'bin/cortado.js'), 'local', 'load', url, '--profile', profile, '--output', 'json'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const seconds: LoadSecond[] = [];
  const exited = new Promise<void>((r) => child.on('close', () => r()));
  let onStart!: (at: number) => void;
  let onFail!: (e: Error) => void;
  const started = new Promise<number>((resolve, reject) => {
    onStart = resolve;
    onFail = reject;
  });
  void exited.then(() => onFail(new Error('the load generator exited before its first second')));
  let rest = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    rest += chunk;
    const lines = rest.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      let m: { code?: string; data?: LoadSecond; time?: string };
      try {
        m = JSON.parse(line) as typeof m;
      } catch {
        continue;
      }
      if (m.code !== 'LOAD_PROGRESS' || !m.data || !m.time) continue;
      seconds.push(m.data);
      onStart(new Date(m.time).getTime() - m.data.elapsedMs);
    }
  });
  return {
    started,
    seconds,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}
