// Runs the test suite with node's test runner (TypeScript through tsx). Usage: node scripts/run-tests.mjs [dir-or-file ...]
// The Jsonnet tests need the optional native add-on: installed here (npm install --no-save) when missing and a C++
// toolchain is present; without a toolchain they are skipped, and a failed install fails the run.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
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

const roots = process.argv.slice(2);
const files = (roots.length ? roots : ['test']).flatMap((r) => collect(r, []));
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ') || 'test'}`);
  process.exit(1);
}
const needsJsonnet = files.some((f) => /jsonnet/i.test(readFileSync(f, 'utf8')));
const env = { ...process.env, ...(needsJsonnet ? prepareJsonnet() : {}) };
const concurrency = process.env.CORTADO_TEST_CONCURRENCY ?? '2';
const runner = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
  { stdio: 'inherit', env },
);
// Stopping this script (a CI timeout, `timeout`, kill) stops the test runner too, which stops its test processes: none is
// left behind holding ports and CPU.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => runner.kill(signal));
runner.on('exit', (code) => process.exit(code ?? 1));
