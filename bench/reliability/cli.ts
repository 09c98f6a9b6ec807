// Runs the built CLI (bin/cortado.js) against the campaign's sandbox, as a user would, optionally SIGKILLed after a delay.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(ROOT, 'bin/cortado.js');

export interface CliTarget {
  readonly endpoint: string;
  readonly region: string;
}

export interface CliResult {
  readonly args: readonly string[];
  /** null when killed. */
  readonly code: number | null;
  readonly killed: boolean;
  readonly stdout: string;
  readonly stderr: string;
  /** The --output json document, when the command printed one. */
  readonly json: Record<string, unknown> | undefined;
}

export interface Interrupt {
  when(stdout: string): boolean;
  readonly afterMs: number;
}

export interface CliOptions {
  readonly cwd: string;
  /** The caller's access key id: the sandbox's call log tells concurrent runs apart by it. */
  readonly accessKeyId: string;
  /** SIGKILL the process this many ms after it started (if it is still running). */
  readonly killAfterMs?: number;
  /**
   * Ctrl-C (SIGINT) for a command that runs until stopped: once `when` holds for its output so far, or `afterMs` after it
   * started. Its exit code is kept (an interrupted command has one).
   */
  readonly interrupt?: Interrupt;
  /** A run that takes longer than this is killed and reported (a hang is a finding, not a stuck campaign). */
  readonly hangMs?: number;
}

export function cortado(target: CliTarget, args: readonly string[], opts: CliOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: process.env.HOME ?? '/tmp',
        AWS_ENDPOINT_URL: target.endpoint,
        AWS_REGION: target.region,
        AWS_ACCESS_KEY_ID: opts.accessKeyId,
        AWS_SECRET_ACCESS_KEY: 'cortado-reliability-secret',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        NO_COLOR: '1',
      },
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    let interrupted = false;
    const interrupt = () => {
      if (interrupted || child.exitCode !== null || child.signalCode !== null) return;
      interrupted = true;
      child.kill('SIGINT');
    };
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (opts.interrupt?.when(stdout)) interrupt();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const kill = (why: string) => () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      killed = true;
      if (why) stderr += `\n[reliability] ${why}\n`;
      child.kill('SIGKILL');
    };
    const timers = [
      opts.killAfterMs !== undefined ? setTimeout(kill(''), opts.killAfterMs) : undefined,
      opts.interrupt ? setTimeout(interrupt, opts.interrupt.afterMs) : undefined,
      setTimeout(kill(`hung: killed after ${opts.hangMs ?? 240_000} ms`), opts.hangMs ?? 240_000),
    ];
    child.on('error', reject);
    child.on('close', (code) => {
      for (const t of timers) if (t) clearTimeout(t);
      let json: Record<string, unknown> | undefined;
      try {
        const parsed: unknown = JSON.parse(stdout);
        if (parsed && typeof parsed === 'object') json = parsed as Record<string, unknown>;
      } catch {
        json = undefined;
      }
      resolve({ args, code: killed ? null : code, killed, stdout, stderr, json });
    });
  });
}

/** The command line, the start of stdout (the JSON result or error) and the end of stderr (the last messages). */
export const outputOf = (r: CliResult): string =>
  `$ cortado ${r.args.join(' ')}\n${r.stdout.trim().slice(0, 600)}\n…${r.stderr.trim().slice(-600)}`;
