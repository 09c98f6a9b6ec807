// Runs test files, each in its own process (node's test runner, TypeScript through tsx), as many at once as the machine
// carries: a file starts when fewer than `min` run, or when the CPU was at least IDLE_TO_START idle over the last
// WINDOW_MS and no file started within RAMP_MS (a new file spends its first seconds loading). Most files wait on simulated
// time, so a quiet machine fills up; a machine shared with another suite or a build gets fewer files instead of starving
// the real-time tests. Each file's output is printed whole when it ends, so files never interleave.
import { spawn } from 'node:child_process';
import os from 'node:os';
import { clearInterval, setInterval } from 'node:timers';

const TICK_MS = 250;
const WINDOW_MS = 2_000;
const RAMP_MS = 1_500;
const IDLE_TO_START = 0.3;

const cpuTimes = () =>
  os.cpus().reduce((a, c) => ({ idle: a.idle + c.times.idle, total: a.total + Object.values(c.times).reduce((x, y) => x + y, 0) }), {
    idle: 0,
    total: 0,
  });

/** The idle fraction of the CPU over the last WINDOW_MS, from samples taken each tick. */
function idleMeter() {
  const samples = [{ at: Date.now(), ...cpuTimes() }];
  return () => {
    const now = { at: Date.now(), ...cpuTimes() };
    samples.push(now);
    while (samples.length > 2 && now.at - samples[1].at >= WINDOW_MS) samples.shift();
    const first = samples[0];
    return (now.idle - first.idle) / Math.max(1, now.total - first.total);
  };
}

const SUMMARY = /^ℹ (tests|pass|fail|cancelled|skipped|todo) (\d+)$/gm;

/** The counts the spec reporter printed last (a file's own summary). */
function summaryOf(out) {
  const counts = {};
  for (const m of out.matchAll(SUMMARY)) counts[m[1]] = Number(m[2]);
  return counts;
}

/**
 * Runs `queue` (items `{ file, env }`; `later` resolves to more items, e.g. once an add-on is built) with between `min`
 * and `max` files at once. Resolves to the totals and the files that failed.
 */
export function runPool({ queue, later = Promise.resolve([]), min, max, cwd }) {
  const pending = [...queue];
  let waitingForLater = true;
  later.then((items) => {
    pending.unshift(...(items ?? []));
    waitingForLater = false;
  });
  const running = new Map();
  const totals = { tests: 0, pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0 };
  const failed = [];
  let lastStart = 0;
  let most = 0;
  const idle = idleMeter();

  function start(item) {
    const began = Date.now();
    lastStart = began;
    const child = spawn(process.execPath, ['--import', 'tsx', '--test-reporter=spec', item.file], {
      cwd,
      env: { ...process.env, ...item.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    running.set(item.file, child);
    most = Math.max(most, running.size);
    child.on('close', (code, signal) => {
      running.delete(item.file);
      const counts = summaryOf(out);
      for (const k of Object.keys(totals)) totals[k] += counts[k] ?? 0;
      const ok = code === 0 && (counts.fail ?? 0) === 0;
      if (!ok) failed.push({ file: item.file, how: signal ?? `exit ${code}`, fail: counts.fail ?? 0 });
      const secs = ((Date.now() - began) / 1000).toFixed(1);
      process.stdout.write(`\n${ok ? '▶' : '✖'} ${item.file} (${secs} s, ${running.size} still running)\n${out}`);
    });
  }

  return {
    kill(signal) {
      pending.length = 0;
      for (const child of running.values()) child.kill(signal);
    },
    done: new Promise((resolve) => {
      const timer = setInterval(() => {
        const free = idle();
        while (pending.length > 0 && running.size < min) start(pending.shift());
        if (pending.length > 0 && running.size < max && free >= IDLE_TO_START && Date.now() - lastStart >= RAMP_MS) start(pending.shift());
        if (pending.length === 0 && running.size === 0 && !waitingForLater) {
          clearInterval(timer);
          resolve({ totals, failed, most });
        }
      }, TICK_MS);
    }),
  };
}
