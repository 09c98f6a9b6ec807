// Installing needs Node and npm alone: a clone's `npm ci` on a PATH without any C++ toolchain succeeds, the CLI runs and
// renders YAML, and a Jsonnet config gets the documented "install the add-on" error (exit 2). Slow (a real npm ci).
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT } from './e2e-harness.js';

const TOOLS = ['node', 'npm', 'git', 'sh'];
const COMPILERS = ['c++', 'g++', 'gcc', 'cc', 'clang', 'clang++', 'make', 'cmake', 'ninja'];

let work: string;
let clone: string;
let bin: string;
let env: Record<string, string>;

function run(cmd: string, args: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

const which = (tool: string): string => execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();

before(() => {
  work = mkdtempSync(join(tmpdir(), 'cortado-install-'));
  bin = join(work, 'bin');
  mkdirSync(bin);
  for (const tool of TOOLS) symlinkSync(which(tool), join(bin, tool));
  clone = join(work, 'cortado');
  execFileSync('git', ['clone', '--quiet', ROOT, clone]);
  env = {
    PATH: bin,
    HOME: process.env['HOME'] ?? work,
    NO_COLOR: '1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // npm's cache makes the install faster; it is the user's, as for any npm ci.
    ...(process.env['npm_config_cache'] ? { npm_config_cache: process.env['npm_config_cache'] } : {}),
  };
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the PATH has node, npm, git and sh, and no C++ toolchain', async () => {
  for (const tool of TOOLS) assert.ok(existsSync(join(bin, tool)), tool);
  const r = await run('sh', ['-c', COMPILERS.map((c) => `command -v ${c} || true`).join('; ')], work);
  assert.equal(r.stdout.trim(), '', `found on the test PATH: ${r.stdout}`);
});

test(
  'npm ci without a compiler, then --help, a YAML render and a Jsonnet config that asks for the add-on',
  { timeout: 15 * 60_000 },
  async (t) => {
    const started = Date.now();
    const ci = await run('npm', ['ci', '--no-audit', '--no-fund'], clone);
    assert.equal(ci.code, 0, `npm ci failed\nstdout: ${ci.stdout}\nstderr: ${ci.stderr}`);
    t.diagnostic(`npm ci in a clean clone without a C++ toolchain: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    assert.ok(!existsSync(join(clone, 'node_modules/@hanazuki/node-jsonnet')), 'the Jsonnet add-on is not installed by npm ci');

    const cli = join(clone, 'bin/cortado.js');
    const help = await run('node', [cli, '--help'], clone);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /render/);

    const app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'cortado.yml'), 'region: us-east-1\ncluster: demo\ntask_definition: td.yml\n');
    writeFileSync(
      join(app, 'td.yml'),
      'family: web\ncontainerDefinitions:\n  - name: app\n    image: "nginx:{{ env `IMAGE_TAG` `latest` }}"\n',
    );
    const yaml = await run('node', [cli, 'render', 'taskdef'], app);
    assert.equal(yaml.code, 0, yaml.stderr);
    assert.deepEqual(JSON.parse(yaml.stdout), { family: 'web', containerDefinitions: [{ name: 'app', image: 'nginx:latest' }] });

    writeFileSync(join(app, 'cortado.yml'), 'region: us-east-1\ncluster: demo\ntask_definition: td.jsonnet\n');
    writeFileSync(join(app, 'td.jsonnet'), '{ family: "web", containerDefinitions: [{ name: "app", image: "nginx" }] }\n');
    const jsonnet = await run('node', [cli, 'render', 'taskdef'], app);
    assert.equal(jsonnet.code, 2, `exit ${jsonnet.code}\nstdout: ${jsonnet.stdout}\nstderr: ${jsonnet.stderr}`);
    assert.match(jsonnet.stderr, /^error: Jsonnet files need the optional add-on @hanazuki\/node-jsonnet, which is not installed/m);
    assert.match(jsonnet.stderr, /hint: .*npm install @hanazuki\/node-jsonnet/);
    assert.match(jsonnet.stderr, /YAML and JSON configs need none of this/);
  },
);
