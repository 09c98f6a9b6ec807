// Runs the test suite, each file in its own process of node's test runner, compiled to JavaScript first (a mirror of the
// checkout in .test-build/, scripts/test-build.mjs; CORTADO_TEST_TSX=1 runs the TypeScript through tsx instead).
// Usage: node scripts/run-tests.mjs [--checks] [dir-or-file ...]
// --checks runs the type-check and the linter alongside the tests (they need no sandbox, and the tests leave CPU idle while
// they wait on simulated time); the run fails when either fails. Files listed in test/slowest.txt start first.
// Files run 2 to 3 per core at once, as many as the CPU carries (scripts/test-pool.mjs);
// CORTADO_TEST_CONCURRENCY=N runs exactly N at once.
// The Jsonnet tests (the files that import test/helpers/jsonnet.ts) need the optional native add-on: installed here (npm
// install --no-save, a minute of C++) when missing and a C++ toolchain is present, while the other files already run;
// the Jsonnet files start once it is built. Without a toolchain they are skipped, and a failed install fails the run.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { delimiter, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTestMirror, compiledPath } from './test-build.mjs';
import { outputOf, runPool } from './test-pool.mjs';

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

/**
 * Makes the Jsonnet add-on available for the Jsonnet tests: `now` is the environment for them when nothing needs
 * building (`{}`, or the skip flag without a toolchain); otherwise `building` resolves to it once the add-on is built, or
 * to undefined when that failed (reported here).
 */
function prepareJsonnet() {
  const [name, version] = Object.entries(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).optionalAddons)[0];
  const state = addonState(name);
  if (state === 'ok') return { now: {} };
  const toolchain = ['c++', 'g++', 'clang++'].some(onPath) && onPath('cmake') && (onPath('make') || onPath('ninja'));
  if (!toolchain) {
    console.log(
      `run-tests: the optional Jsonnet add-on ${name} is not ${state === 'missing' ? 'installed' : 'built'} and there is no C++ toolchain (c++, cmake, make or ninja): the Jsonnet tests are skipped`,
    );
    return { now: { CORTADO_TEST_NO_JSONNET: '1' } };
  }
  const args = state === 'missing' ? ['install', '--no-save', '--no-audit', '--no-fund', `${name}@${version}`] : ['rebuild', name];
  console.log(
    `run-tests: ${state === 'missing' ? 'installing' : 'building'} the optional Jsonnet add-on for the Jsonnet tests while the others run: npm ${args.join(' ')} (compiles C++, about a minute)`,
  );
  const child = spawn('npm', args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  const building = outputOf(child).then(({ code, signal, out }) => {
    if (code === 0 && loadsInChild(name)) {
      console.log('run-tests: the Jsonnet add-on is built: the Jsonnet tests start');
      return {};
    }
    console.error(`run-tests: npm ${args.join(' ')} failed (${signal ?? `exit ${code}`}): the Jsonnet tests cannot run\n${out}`);
    return undefined;
  });
  return { building, child };
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

const args = process.argv.slice(2);
const withChecks = args.includes('--checks');
const roots = args.filter((a) => a !== '--checks');
const files = slowestFirst((roots.length ? roots : ['test']).flatMap((r) => collect(r, [])));
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ') || 'test'}`);
  process.exit(1);
}
const jsonnetFiles = files.filter((f) => /helpers\/jsonnet\.js/.test(readFileSync(f, 'utf8')));
/**
 * PATH with Python's own bin directory first, where python3 and the AWS CLI are: behind a version manager's shims (pyenv),
 * each start of python3 or `aws` first runs a shell script that costs ~0.3 s of CPU, and the tests start hundreds.
 */
function pathWithPython() {
  const r = spawnSync('python3', ['-c', 'import sys, os; print(os.path.dirname(sys.executable))'], { encoding: 'utf8' });
  const dir = r.status === 0 ? r.stdout.trim() : '';
  const path = process.env.PATH ?? '';
  return dir && existsSync(join(dir, 'python3')) ? `${dir}${delimiter}${path}` : path;
}
process.env.PATH = pathWithPython();
const cores = os.availableParallelism();
const fixed = process.env.CORTADO_TEST_CONCURRENCY;
const [min, max] = fixed ? [Number(fixed), Number(fixed)] : [2, 3 * cores];
console.log(
  `run-tests: ${files.length} files, ${fixed ? `${fixed} at once` : `${min} to ${max} at once as the CPU allows`}${withChecks ? ', the type-check and the linter alongside' : ''}`,
);
const jsonnet = jsonnetFiles.length > 0 ? prepareJsonnet() : { now: {} };

/** A check (an npm script) run with its output kept, printed once it ends. */
function check(script) {
  const child = spawn('npm', ['run', '--silent', script], { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const done = outputOf(child).then(({ code, signal, out }) => ({ script, ok: code === 0, how: signal ?? `exit ${code}`, out }));
  return { child, done };
}
const checks = withChecks ? ['typecheck', 'lint'].map(check) : [];

// The mirror is built while the checks and the add-on's build start (a few seconds); a file that does not compile fails the
// run here, with esbuild's message, before any test starts.
const mirror = process.env.CORTADO_TEST_TSX === '1' ? undefined : await buildTestMirror(root);
const item = (env) => (file) =>
  mirror ? { file, run: compiledPath(root, mirror.dir, file), args: [], env } : { file, run: file, args: ['--import', 'tsx'], env };
const building = jsonnet.building?.then((env) => (env ? jsonnetFiles.map(item(env)) : undefined));
const pool = runPool({
  items: (building ? files.filter((f) => !jsonnetFiles.includes(f)) : files).map(item(jsonnet.now ?? {})),
  later: building ?? Promise.resolve([]),
  min,
  max,
  cwd: root,
});
// Stopping this script (a CI timeout, `timeout`, kill) stops the test files too, and they stop their sandboxes: none is
// left behind holding ports and CPU.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.on(signal, () => {
    pool.kill(signal);
    for (const c of [...checks.map((x) => x.child), jsonnet.child]) c?.kill(signal);
    mirror?.remove();
    process.exit(1);
  });

const started = Date.now();
const { totals, failed, most } = await pool.done;
mirror?.remove();
// A build of the add-on that failed fails the run; none needed (already built, or no toolchain) is fine.
let ok = failed.length === 0 && (building === undefined || (await building) !== undefined);
console.log(
  `\nrun-tests: ${Object.entries(totals)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}; ${files.length} files in ${((Date.now() - started) / 1000).toFixed(0)} s, at most ${most} at once`,
);
for (const f of failed) console.log(`run-tests: ✖ ${f.file}: ${f.fail} failed test(s), ${f.how}`);
for (const r of await Promise.all(checks.map((c) => c.done))) {
  if (r.ok) {
    console.log(`run-tests: npm run ${r.script} passed`);
    continue;
  }
  ok = false;
  console.log(`\nrun-tests: npm run ${r.script} failed (${r.how}):\n${r.out}`);
}
process.exit(ok ? 0 : 1);
