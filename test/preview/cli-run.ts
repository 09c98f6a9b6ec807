// Spawns `cortado env ...` as a child process against a sandbox, with a config file written for the test world.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PreviewConfig } from '../../src/preview/preview-config.js';
import { nodeArgs } from '../helpers/entry.js';
import { CREDENTIALS, type World } from './preview-fixtures.js';

const entry = fileURLToPath(new URL('./cli-entry.ts', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));
const built = join(root, 'dist', 'cli', 'main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    newest = Math.max(newest, st.isDirectory() ? newestSource(path) : name.endsWith('.ts') ? st.mtimeMs : 0);
  }
  return newest;
}

let argv0: readonly string[] | undefined;
/** The built CLI when `npm run build` is newer than every source (as in `npm test`), else the sources (test/helpers/entry.ts). */
function cliArgv(): readonly string[] {
  argv0 ??=
    existsSync(built) && statSync(built).mtimeMs >= newestSource(join(root, 'src')) ? [join(root, 'bin', 'cortado.js')] : nodeArgs(entry);
  return argv0;
}

export interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A directory with a cortado.yml holding `config` as its preview: section (overrides merged in). */
export function writeConfig(config: PreviewConfig, overrides: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'cortado-preview-'));
  const section = {
    app: config.app,
    reference: `${config.reference.cluster}/${config.reference.service}`,
    cluster: config.cluster,
    listener_arn: config.listenerArn,
    domain: config.domain,
    environment: config.environment,
    ...overrides,
  };
  writeFileSync(join(dir, 'cortado.yml'), `# written by the preview tests\nregion: us-east-1\npreview: ${JSON.stringify(section)}\n`);
  return dir;
}

/** `accessKeyId` tells this run's calls apart in the sandbox's log when runs overlap (see test/helpers/iam-coverage.ts). */
export function spawnCli(w: World, cwd: string, args: readonly string[], accessKeyId = CREDENTIALS.accessKeyId): ChildProcess {
  return spawn(process.execPath, [...cliArgv(), ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      AWS_ENDPOINT_URL: w.sandbox.endpoint,
      AWS_REGION: w.sandbox.region,
      AWS_ACCESS_KEY_ID: accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      AWS_MAX_ATTEMPTS: '3',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
}

export function finished(child: ChildProcess): Promise<Run> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

export const cortado = (w: World, cwd: string, args: readonly string[], accessKeyId?: string): Promise<Run> =>
  finished(spawnCli(w, cwd, args, accessKeyId));
