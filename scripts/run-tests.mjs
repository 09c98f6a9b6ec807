// Runs the test suite with node's test runner (TypeScript through tsx).
// Usage: node scripts/run-tests.mjs [--checks] [dir-or-file ...]
// --checks runs the type-check and the linter alongside the tests (they need no sandbox, and the tests leave CPU idle while
// they wait on simulated time); the run fails when either fails. Files listed in test/slowest.txt start first.
// CORTADO_TEST_CONCURRENCY sets how many test files run at once; by default two per core idle over the last second.
// The Jsonnet tests need the optional native add-on: installed here (npm install --no-save) when missing and a C++
// toolchain is present; without a toolchain they are skipped, and a failed install fails the run.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { delimiter, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

function collect(path, out) {
  const st = statSync(path);
  if (st.isDirectory()) {
    for (const name of readdirSync(path).sort()) collect(join(path, name), out);
  } else if (path.endsWith('.test.ts')) {
    out.push(path);
  }
  return out;
}

const onPath = (cmd) =>
  (process.env.PATH ?? '').split(delimiter).some((d) => {
    try {
      accessSync(join(d, cmd), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });

/** Whether a fresh process loads the add-on (this process's module caches remember the lookups made before an install). */
function loadsInChild(name) {
  const probe = `require('node:module').createRequire(${JSON.stringify(join(root, 'package.json'))})(${JSON.stringify(name)})`;
  return spawnSync(process.execPath, ['-e', probe], { stdio: 'ignore' }).status === 0;
}

/** 'ok', 'missing', or 'unbuilt' (the package is there but its native build is not). */
function addonState(name) {
  const req = createRequire(join(root, 'package.json'));
  try {
    req.resolve(name);
  } catch {
    return 'missing';
  }
  try {
    req(name);
    return 'ok';
  } catch {
    return 'unbuilt';
  }
}

/** Makes the Jsonnet add-on available for the tests; returns extra environment for the test processes. */
function prepareJsonnet() {
  const [name, version] = Object.entries(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).optionalAddons)[0];
  const state = addonState(name);
  if (state === 'ok') return {};
  const toolchain = ['c++', 'g++', 'clang++'].some(onPath) && onPath('cmake') && (onPath('make') || onPath('ninja'));
  if (!toolchain) {
    console.log(
      `run-tests: the optional Jsonnet add-on ${name} is not ${state === 'missing' ? 'installed' : 'built'} and there is no C++ toolchain (c++, cmake, make or ninja): the Jsonnet tests are skipped`,
    );
    return { CORTADO_TEST_NO_JSONNET: '1' };
  }
  const args = state === 'missing' ? ['install', '--no-save', '--no-audit', '--no-fund', `${name}@${version}`] : ['rebuild', name];
  console.log(
    `run-tests: ${state === 'missing' ? 'installing' : 'building'} the optional Jsonnet add-on for the Jsonnet tests: npm ${args.join(' ')} (compiles C++, about a minute)`,
  );
  const r = spawnSync('npm', args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0 || !loadsInChild(name)) {
    console.error(`run-tests: npm ${args.join(' ')} failed (exit ${r.status ?? r.signal}): the Jsonnet tests cannot run`);
    process.exit(1);
  }
  return {};
}

/** The listed slowest files first (those among `files`), then the others in path order. */
function slowestFirst(files) {
  const listPath = join(root, 'test', 'slowest.txt');
  if (!existsSync(listPath)) return files;
  const listed = readFileSync(listPath, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  for (const l of listed)
    if (!existsSync(join(root, l))) console.log(`run-tests: test/slowest.txt lists ${l}, which does not exist (remove the line)`);
  const key = (f) => relative(root, resolve(f)).split(sep).join('/');
  const rank = new Map(listed.map((l, i) => [l, i]));
  const first = files.filter((f) => rank.has(key(f))).sort((a, b) => rank.get(key(a)) - rank.get(key(b)));
  return [...first, ...files.filter((f) => !rank.has(key(f)))];
}

/**
 * Two test files per core the machine has free over the last second (most tests wait on simulated time); at least 2.
 * Measured now rather than from the load average, which still counts the build and add-on compile that just ran.
 */
async function defaultConcurrency() {
  const cpuTimes = () =>
    os.cpus().reduce((a, c) => ({ idle: a.idle + c.times.idle, total: a.total + Object.values(c.times).reduce((x, y) => x + y, 0) }), {
      idle: 0,
      total: 0,
    });
  const before = cpuTimes();
  await sleep(1000);
  const after = cpuTimes();
  const idle = (after.idle - before.idle) / Math.max(1, after.total - before.total);
  const cores = os.availableParallelism();
  return String(Math.max(2, Math.min(2 * cores, Math.round(2 * cores * idle))));
}

const args = process.argv.slice(2);
const withChecks = args.includes('--checks');
const roots = args.filter((a) => a !== '--checks');
const files = slowestFirst((roots.length ? roots : ['test']).flatMap((r) => collect(r, [])));
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ') || 'test'}`);
  process.exit(1);
}
const needsJsonnet = files.some((f) => /jsonnet/i.test(readFileSync(f, 'utf8')));
const env = { ...process.env, ...(needsJsonnet ? prepareJsonnet() : {}) };
const concurrency = process.env.CORTADO_TEST_CONCURRENCY ?? (await defaultConcurrency());
console.log(`run-tests: ${files.length} files, ${concurrency} at once${withChecks ? ', the type-check and the linter alongside' : ''}`);

/** A check (an npm script) run with its output kept, printed once it ends. */
function check(script) {
  const child = spawn('npm', ['run', '--silent', script], { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const done = new Promise((res) =>
    child.on('close', (code, signal) => res({ script, ok: code === 0, how: signal ?? `exit ${code}`, out })),
  );
  return { child, done };
}
const checks = withChecks ? ['typecheck', 'lint'].map(check) : [];

const runner = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
  { stdio: 'inherit', env },
);
// Stopping this script (a CI timeout, `timeout`, kill) stops the test runner too, which stops its test processes: none is
// left behind holding ports and CPU.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.on(signal, () => {
    runner.kill(signal);
    for (const c of checks) c.child.kill(signal);
  });
runner.on('exit', async (code) => {
  let failed = false;
  for (const r of await Promise.all(checks.map((c) => c.done))) {
    if (r.ok) {
      console.log(`run-tests: npm run ${r.script} passed`);
      continue;
    }
    failed = true;
    console.log(`\nrun-tests: npm run ${r.script} failed (${r.how}):\n${r.out}`);
  }
  process.exit(code === 0 && failed ? 1 : (code ?? 1));
});
