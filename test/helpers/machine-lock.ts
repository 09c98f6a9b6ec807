// A lock held across every test process on this machine, for the few tests that measure real-time throughput (a load
// generator pushing hundreds of requests/s): two copies of the suite on one machine run them one after the other
// instead of starving each other. A lock whose holder died is taken over.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Waits until this process holds the lock `name` (at most `waitMs`; then goes on without it, and says so), and returns
 * how to give it back and how long it waited.
 */
export async function holdMachineLock(name: string, waitMs = 600_000): Promise<{ release(): void; waitedMs: number; held: boolean }> {
  const dir = join(tmpdir(), 'cortado-test-locks');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.lock`);
  const started = Date.now();
  let noPidSince: number | undefined;
  for (;;) {
    try {
      mkdirSync(path);
      writeFileSync(join(path, 'pid'), String(process.pid));
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(path, { recursive: true, force: true });
      };
      process.once('exit', release);
      return { release, waitedMs: Date.now() - started, held: true };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let holder = 0;
    try {
      holder = Number(readFileSync(join(path, 'pid'), 'utf8'));
    } catch {
      // just made, its pid being written; or its maker died in between
    }
    if (holder > 0) noPidSince = undefined;
    else noPidSince ??= Date.now();
    // A holder that died, or a lock left without a pid for seconds, is stale.
    const stale = holder > 0 ? !alive(holder) : Date.now() - noPidSince! > 5_000;
    if (stale) rmSync(path, { recursive: true, force: true });
    else if (Date.now() - started >= waitMs) return { release: () => undefined, waitedMs: Date.now() - started, held: false };
    else await sleep(250);
  }
}
