// Config validation: ecspresso's keys and defaults, warnings for unknown or ignored keys, errors naming the file and field.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../src/core/errors.js';
import { validateConfig } from '../../src/config/validate-config.js';

const base = { cluster: 'c', service: 's', service_definition: 'sd.json', task_definition: 'td.json' };

test('defaults: cluster "default", timeout 10m, paths relative to the config file', () => {
  const { config, warnings } = validateConfig({ task_definition: 'td.json' }, '/app/cortado.yml', 'yaml', '0.1.0');
  assert.equal(config.cluster, 'default');
  assert.equal(config.timeoutMs, 600_000);
  assert.equal(config.taskDefinitionPath, '/app/td.json');
  assert.equal(config.ecspresso, false);
  assert.deepEqual(warnings, []);
});

test('an ecspresso.yml as ecspresso writes it', () => {
  const { config, warnings } = validateConfig(
    {
      ...base,
      region: 'ap-northeast-1',
      timeout: '10m0s',
      required_version: '>= v2.0.0',
      ignore: { tags: ['ecspresso'] },
      plugins: [{ name: 'tfstate', config: { url: 's3://b/k' }, func_prefix: 'net_' }],
      appspec: { x: 1 },
    },
    '/app/ecspresso.yml',
    'yaml',
    '0.1.0',
  );
  assert.equal(config.ecspresso, true);
  assert.equal(config.region, 'ap-northeast-1');
  assert.deepEqual(config.ignoreTags, ['ecspresso']);
  assert.deepEqual(config.plugins, [{ name: 'tfstate', config: { url: 's3://b/k' }, funcPrefix: 'net_' }]);
  assert.deepEqual(config.appspec, { x: 1 });
  assert.ok(warnings.some((w) => /required_version ">= v2.0.0" names an ecspresso version/.test(w)));
});

test('required_version: an ecspresso v2 constraint loads in any file (a warning says so); one no version meets is refused', () => {
  for (const path of ['/app/config.yaml', '/app/ecspresso.yml']) {
    const { warnings } = validateConfig({ ...base, required_version: '>= 2.0.0, < 3' }, path, 'yaml', '0.1.0');
    assert.ok(
      warnings.some((w) => /required_version ">= 2.0.0, < 3" names an ecspresso version/.test(w)),
      warnings.join('\n'),
    );
  }
  assert.deepEqual(validateConfig({ ...base, required_version: '>= 0.1, < 1' }, '/a/config.yaml', 'yaml', '0.1.0').warnings, []);
  assert.throws(
    () => validateConfig({ ...base, required_version: '>= 3' }, '/app/ecspresso.yml', 'yaml', '0.1.0'),
    /version 0\.1\.0 does not satisfy >= 3, and as an ecspresso constraint it admits no v2 release/,
  );
});

test('task_definition may be left out (canary- or preview-only configs); deploy commands ask for it', () => {
  const { config } = validateConfig({ cluster: 'c', preview: {} }, '/a/cortado.yml', 'yaml', '0.1.0');
  assert.equal(config.taskDefinitionPath, undefined);
});

test('"service" without "service_definition" warns for a deploy config only, not for canary/preview/autoscale/schedule ones', () => {
  const warned = (raw: Record<string, unknown>) =>
    validateConfig(raw, '/a/cortado.yml', 'yaml', '0.1.0').warnings.some((w) => /"service" is set without "service_definition"/.test(w));
  assert.equal(warned({ cluster: 'c', service: 'web', task_definition: 'td.json' }), true);
  for (const section of ['canary', 'preview', 'env', 'autoscale', 'schedules'])
    assert.equal(warned({ cluster: 'c', service: 'web', task_definition: 'td.json', [section]: {} }), false, section);
});

test('unknown keys warn with a suggestion', () => {
  const { warnings } = validateConfig({ ...base, clustr: 'x' }, '/a/cortado.yml', 'yaml', '0.1.0');
  assert.deepEqual(warnings, ['/a/cortado.yml: clustr: unknown key, ignored (did you mean "cluster"?)']);
});

const bad: readonly [string, Record<string, unknown> | unknown, RegExp][] = [
  ['timeout as a number', { ...base, timeout: 600 }, /field "timeout": expected a duration such as "10m" or "300s", got number 600/],
  ['cluster as a list', { ...base, cluster: ['a'] }, /field "cluster": expected a non-empty string, got a list/],
  ['plugins not a list', { ...base, plugins: { name: 'tfstate' } }, /field "plugins": expected a list/],
  [
    'unknown plugin',
    { ...base, plugins: [{ name: 'vault' }] },
    /field "plugins\[0\]\.name": unknown plugin "vault"; available plugins: tfstate, ssm, secretsmanager/,
  ],
  ['bad func_prefix', { ...base, plugins: [{ name: 'tfstate', func_prefix: 'a-b' }] }, /func_prefix": expected an identifier prefix/],
  ['ignore.tags not strings', { ...base, ignore: { tags: [1] } }, /field "ignore\.tags": expected a list of tag keys/],
  [
    'required_version not met',
    { ...base, required_version: '>= 9.0.0' },
    /field "required_version": version 0\.1\.0 does not satisfy >= 9\.0\.0/,
  ],
  ['top level not a mapping', ['a'], /expected a mapping of settings at the top level, got a list/],
];

for (const [name, raw, re] of bad) {
  test(`bad config: ${name}`, () => {
    assert.throws(
      () => validateConfig(raw, '/app/cortado.yml', 'yaml', '0.1.0'),
      (e: unknown) => {
        assert.ok(e instanceof UsageError);
        assert.match(e.message, /^\/app\/cortado\.yml: /);
        assert.match(e.message, re);
        return true;
      },
    );
  });
}

test('several problems are listed together', () => {
  assert.throws(() => validateConfig({ timeout: 'x', cluster: 3 }, '/c.yml', 'yaml', '0.1.0'), /2 problems:/);
});
