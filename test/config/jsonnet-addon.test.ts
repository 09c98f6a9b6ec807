// The optional Jsonnet add-on is found beside cortado or in the project, and its absence is a usage error saying how to install it.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { JSONNET_ADDON, loadJsonnetAddon } from '../../src/config/jsonnet-addon.js';
import { UsageError } from '../../src/core/errors.js';

/** A project directory with a stand-in add-on package whose main file has the given body. */
function project(main?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cortado-jsonnet-addon-'));
  if (main !== undefined) {
    const pkg = join(dir, 'node_modules', JSONNET_ADDON);
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: JSONNET_ADDON, main: 'index.js' }));
    writeFileSync(join(pkg, 'index.js'), main);
  }
  mkdirSync(join(dir, 'deploy'));
  return dir;
}

test('the add-on is resolved from each base in turn: the first that has it wins', () => {
  const without = project();
  const withIt = project('exports.Jsonnet = class { marker() { return "stand-in"; } };');
  const addon = loadJsonnetAddon([join(without, 'deploy', 'td.jsonnet'), join(withIt, 'deploy', 'td.jsonnet')]);
  assert.equal((new addon.Jsonnet() as unknown as { marker(): string }).marker(), 'stand-in');
});

test('missing everywhere: JSONNET_NOT_INSTALLED says how to install it, what it needs, and that YAML/JSON need nothing', () => {
  const err = (() => {
    try {
      loadJsonnetAddon([join(project(), 'td.jsonnet')]);
    } catch (e) {
      return e;
    }
    return undefined;
  })();
  assert.ok(err instanceof UsageError);
  assert.equal(err.code, 'JSONNET_NOT_INSTALLED');
  assert.match(err.message, /Jsonnet files need the optional add-on @hanazuki\/node-jsonnet, which is not installed/);
  assert.match(err.hint ?? '', /npm install @hanazuki\/node-jsonnet/);
  assert.match(err.hint ?? '', /npm install -g @hanazuki\/node-jsonnet/);
  assert.match(err.hint ?? '', /C\+\+17 compiler .*CMake .*make or ninja/);
  assert.match(err.hint ?? '', /YAML and JSON configs need none of this/);
});

test('installed but its native build missing (install scripts skipped): JSONNET_NOT_BUILT says to rebuild it', () => {
  const dir = project('throw new Error("Could not locate the bindings file. Tried: build/Release/node-jsonnet.node");');
  assert.throws(
    () => loadJsonnetAddon([join(dir, 'td.jsonnet')]),
    (e: unknown) => {
      assert.ok(e instanceof UsageError);
      assert.equal(e.code, 'JSONNET_NOT_BUILT');
      assert.match(e.message, /installed but cannot be loaded \(Could not locate the bindings file/);
      assert.match(e.hint ?? '', /npm rebuild @hanazuki\/node-jsonnet/);
      return true;
    },
  );
});
