// `diff --external CMD` (ecspresso's): each differing definition as remote/<name>.json and local/<name>.json in a temporary
// directory, compared by the user's command (run by sh, so quoting works as in a shell), its output on our stdout.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../core/errors.js';

export interface ExternalDiffInput {
  /** service or taskdef: the file name each side gets. */
  readonly name: string;
  readonly remote: string;
  readonly local: string;
}

/** Runs `command remote/<name>.json local/<name>.json` for each input; resolves to the highest exit status (diff(1): 1 = they differ). */
export async function runExternalDiff(command: string, inputs: readonly ExternalDiffInput[]): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'cortado-diff-'));
  let status = 0;
  try {
    await mkdir(join(dir, 'remote'));
    await mkdir(join(dir, 'local'));
    for (const i of inputs) {
      const remote = join('remote', `${i.name}.json`);
      const local = join('local', `${i.name}.json`);
      await writeFile(join(dir, remote), i.remote);
      await writeFile(join(dir, local), i.local);
      const code = await new Promise<number>((resolve, reject) => {
        const child = spawn('sh', ['-c', `${command} "$@"`, 'cortado-diff', remote, local], {
          cwd: dir,
          stdio: ['ignore', 'inherit', 'inherit'],
        });
        child.on('error', (e) => reject(new UsageError('EXTERNAL_DIFF_FAILED', `--external ${command}: ${e.message}`)));
        child.on('close', (c) => resolve(c ?? 1));
      });
      status = Math.max(status, code);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return status;
}
