// Runs test files, each in its own process (node's test runner), as many at once as the machine
// carries: a file starts when fewer than `min` run, or when the CPU's run queue (runnable threads, averaged over the last
// WINDOW_MS) is shorter than QUEUE_PER_CORE per core and no file started within RAMP_MS (a new file spends its first
// second loading). Most files wait on simulated time, so a quiet machine fills up to `max`; a machine shared with another
// suite or a build has a long queue and gets fewer files, instead of starving the tests that run in real time. Each
// file's output is printed whole when it ends, so files never interleave.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { clearInterval, setInterval } from 'node:timers';

const TICK_MS = 250;
const WINDOW_MS = 2_000;
const RAMP_MS = 1_000;
const QUEUE_PER_CORE = 2;

/** Runnable threads now, less this process reading it (the fourth field of /proc/loadavg); 0 where there is none. */
function runnable() {
  try {
    return Math.max(0, Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[3].split('/')[0]) - 1);
  } catch {
    return 0;
  }
}

/** The mean run queue over the last WINDOW_MS, from samples taken each tick. */
function queueMeter() {
  const samples = [];
  return () => {
    const now = Date.now();
    samples.push({ at: now, n: runnable() });
    while (samples.length > 1 && now - samples[0].at > WINDOW_MS) samples.shift();
    return samples.reduce((a, x) => a + x.n, 0) / samples.length;
  };
}

/** Resolves, once `child` closes, to how it ended and what it wrote (stdout and stderr together, those that are piped). */
export function outputOf(child) {
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out })));
}

const SUMMARY = /^ℹ (tests|pass|fail|cancelled|skipped|todo) (\d+)$/gm;

/** The counts the spec reporter printed last (a file's own summary). */
function summaryOf(out) {
  const counts = {};
  for (const m of out.matchAll(SUMMARY)) counts[m[1]] = Number(m[2]);
  return counts;
}

/**
 * Runs `items` (`{ file, run, args, env }`: the test file as reported, the file node runs with `args` before it, and the
 * environment it adds; `later` resolves to more items, e.g. once an add-on is built) with between `min`
 * and `max` files at once. Resolves to the totals and the files that failed.
 */
export function runPool({ items, later = Promise.resolve([]), min, max, cwd }) {
  const pending = [...items];
  let waitingForLater = true;
  later.then((more) => {
    pending.unshift(...(more ?? []));
    waitingForLater = false;
  });
  const running = new Map();
  const totals = { tests: 0, pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0 };
  const failed = [];
  let lastStart = 0;
  let most = 0;
  const runQueue = queueMeter();
  const cores = os.availableParallelism();

  function start(item) {
    const began = Date.now();
    lastStart = began;
    const child = spawn(process.execPath, [...item.args, '--test-reporter=spec', item.run], {
      cwd,
      // Marks a test file's process for the helpers that clean up after it (test/helpers/sandbox.ts).
      env: { ...process.env, ...item.env, CORTADO_TEST_FILE: item.file },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.set(item.file, child);
    most = Math.max(most, running.size);
    void outputOf(child).then(({ code, signal, out }) => {
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
        const queued = runQueue();
        while (pending.length > 0 && running.size < min) start(pending.shift());
        if (pending.length > 0 && running.size < max && queued < QUEUE_PER_CORE * cores && Date.now() - lastStart >= RAMP_MS)
          start(pending.shift());
        if (pending.length === 0 && running.size === 0 && !waitingForLater) {
          clearInterval(timer);
          resolve({ totals, failed, most });
        }
      }, TICK_MS);
    }),
  };
}
