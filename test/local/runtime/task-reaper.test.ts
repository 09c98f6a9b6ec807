// Task processes die with the sandbox's process however it ends: `kill -9` included (a watcher process reaps them).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { eventually } from '../../helpers/sandbox.js';
import { loaderArgs, runnable } from '../../helpers/entry.js';

const runtime = runnable(join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src', 'local', 'runtime', 'process-runtime.ts'));

/** A process that starts two containers (`sleep 300` in a shell, so each group has two processes) and prints their pids. */
const HOST = `
const { startContainer } = await import(${JSON.stringify(runtime)});
const spec = (n) => ({ taskId: 'a'.repeat(31) + n, containerName: 'app', image: 'test', environment: {}, host: '127.0.0.1', ports: [], onOutput() {} });
const pids = [1, 2].map((n) => startContainer(spec(n), { kind: 'process', command: 'sh', args: ['-c', 'sleep 300 & wait'], env: {} }).pid);
process.stdout.write(JSON.stringify(pids) + '\\n');
setInterval(() => {}, 1000);
`;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const groupAlive = (pgid: number): boolean => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

for (const [how, signal] of [
  ['kill -9', 'SIGKILL'],
  ['SIGTERM with no handler', 'SIGTERM'],
] as const) {
  test(`a ${how} of the sandbox's process leaves no task process behind`, async () => {
    const host = spawn(process.execPath, [...loaderArgs(), '--input-type=module', '-e', HOST], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    host.stdout.setEncoding('utf8');
    host.stdout.on('data', (c: string) => (out += c));
    const pids = await eventually(
      () => (out.includes('\n') ? (JSON.parse(out.split('\n')[0]!) as number[]) : undefined),
      120_000,
      50,
      'the containers to start',
    );
    assert.equal(pids.length, 2);
    for (const pid of pids) assert.ok(groupAlive(pid), `container group ${pid} runs`);
    host.kill(signal);
    await new Promise((r) => host.once('exit', r));
    // Reaping takes the watcher's SIGTERM, then SIGKILL 2 s later at most: the bound is generous for a loaded machine.
    await eventually(() => (pids.every((p) => !groupAlive(p) && !alive(p)) ? true : undefined), 60_000, 100, 'the task groups to be gone');
  });
}
