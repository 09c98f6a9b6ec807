// The one unknown-key policy, at every level of every section: a warning with file, path and did-you-mean; UNKNOWN_KEY (exit 2) under --strict.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCanaryConfig } from '../../src/canary/config/canary-config.js';
import { CortadoError, UsageError } from '../../src/core/errors.js';
import { exitCodeOfError } from '../../src/core/exit-codes.js';
import { validateConfig } from '../../src/config/validate-config.js';
import { readPreviewConfig } from '../../src/preview/preview-config.js';

const FILE = '/app/cortado.yml';
const RULE = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:listener-rule/app/lb/0123456789abcdef/0123456789abcdef/0123456789abcdef';
const LISTENER = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/app/previews/0123456789abcdef/fedcba9876543210';
const top = { cluster: 'c', service: 'web', service_definition: 'sd.json', task_definition: 'td.json' };
const canary = { listener_rule: RULE };
const preview = { reference: 'dev/web', listener_arn: LISTENER, domain: 'preview.example.com' };

type Read = (strict: boolean, warn: (m: string, field?: string) => void) => unknown;
const readTop =
  (doc: Record<string, unknown>): Read =>
  (strict, warn) =>
    validateConfig({ ...top, ...doc }, FILE, 'yaml', '0.1.0', { strict, warn });
const readCanary =
  (section: Record<string, unknown>): Read =>
  (strict, warn) =>
    parseCanaryConfig({ ...canary, ...section }, 'web', { file: FILE, strict, warn });
const readPreview =
  (section: Record<string, unknown>, key = 'preview'): Read =>
  (strict, warn) =>
    readPreviewConfig({ ...top, [key]: { ...preview, ...section } }, FILE, { strict, warn });

/** [where, read, the field path reported, the did-you-mean (or undefined)] */
const cases: readonly [string, Read, string, string | undefined][] = [
  ['top level', readTop({ clustr: 'x' }), 'clustr', 'cluster'],
  ['top level, a section name', readTop({ canry: {} }), 'canry', 'canary'],
  ['top level, plugins[0]', readTop({ plugins: [{ name: 'tfstate', func_prefx: 'n_' }] }), 'plugins[0].func_prefx', 'func_prefix'],
  ['top level, ignore', readTop({ ignore: { tag: ['x'] } }), 'ignore.tag', 'tags'],
  ['canary', readCanary({ treshold: 2 }), 'canary.treshold', 'threshold'],
  ['canary, with dashes', readCanary({ 'min-request': 5 }), 'canary.min_request', 'min_requests'],
  [
    'canary.metrics[1]',
    readCanary({
      metrics: [
        { name: 'success-rate', min: 99 },
        { name: 'latency', max: 300, percentil: 95 },
      ],
    }),
    'canary.metrics[1].percentil',
    'percentile',
  ],
  [
    'canary.metrics[0].http',
    readCanary({ metrics: [{ name: 'smoke', http: { url: 'http://a/', expect_statu: 200 } }] }),
    'canary.metrics[0].http.expect_statu',
    'expect_status',
  ],
  ['canary.hooks', readCanary({ hooks: { pre_rolout: 'http://h/' } }), 'canary.hooks.pre_rolout', 'pre_rollout'],
  [
    'canary.hooks.post_rollout[0]',
    readCanary({ hooks: { post_rollout: [{ url: 'http://h/', timout: '1s' }] } }),
    'canary.hooks.post_rollout[0].timout',
    'timeout',
  ],
  ['canary.gates', readCanary({ gates: { confirm_promotoin: 'manual' } }), 'canary.gates.confirm_promotoin', 'confirm_promotion'],
  ['canary.canary_tasks', readCanary({ canary_tasks: { mn: 2 } }), 'canary.canary_tasks.mn', 'min'],
  ['canary.notifications', readCanary({ notifications: { slak: 'https://hooks.slack.com/x' } }), 'canary.notifications.slak', 'slack'],
  ['preview', readPreview({ listner_arn: 'x' }), 'preview.listner_arn', 'listener_arn'],
  ['env (the alias)', readPreview({ domian: 'x' }, 'env'), 'env.domian', 'domain'],
  ['preview.reference', readPreview({ reference: { cluster: 'dev', servce: 'web' } }), 'preview.reference.servce', 'service'],
  ['preview.gc', readPreview({ gc: { older: '7d' } }), 'preview.gc.older', 'older_than'],
  ['preview.gc', readPreview({ gc: { age: '7d' } }), 'preview.gc.age', undefined],
];

for (const [where, read, field, suggestion] of cases) {
  test(`unknown key (${where}): a warning naming the file, the path and the suggestion`, () => {
    const heard: [string, string | undefined][] = [];
    read(false, (m, f) => {
      heard.push([m, f]);
    });
    assert.equal(heard.length, 1, JSON.stringify(heard));
    const [message, f] = heard[0]!;
    assert.equal(f, field);
    assert.ok(message.startsWith(`${FILE}: ${field}: unknown key, ignored`), message);
    if (suggestion) assert.ok(message.endsWith(`(did you mean "${suggestion}"?)`), message);
    else assert.match(message, /\(known: older_than\)$/);
  });
  test(`unknown key (${where}): under --strict, UNKNOWN_KEY with file and field, exit 2`, () => {
    assert.throws(
      () => read(true, () => assert.fail('strict mode does not warn')),
      (e: unknown) => {
        assert.ok(e instanceof UsageError);
        assert.equal(e.code, 'UNKNOWN_KEY');
        assert.equal(e.file, FILE);
        assert.equal(e.field, field);
        assert.equal(exitCodeOfError(e), 2);
        assert.ok(e.message.startsWith(`${FILE}: ${field}: unknown key`), e.message);
        if (suggestion) assert.ok(e.message.includes(`did you mean "${suggestion}"?`), e.message);
        return true;
      },
    );
  });
}

test('known keys (and ecspresso keys cortado ignores) are not unknown', () => {
  const heard: string[] = [];
  validateConfig({ ...top, canary: {}, preview: {}, env: {}, region: 'us-east-1' }, FILE, 'yaml', '0.1.0', {
    strict: true,
    warn: (m) => heard.push(m),
  });
  const { warnings } = validateConfig({ ...top, filter_command: 'peco' }, FILE, 'yaml', '0.1.0', { strict: true });
  assert.deepEqual(heard, []);
  assert.deepEqual(warnings, [`${FILE}: "filter_command" is ignored: filter_command is not used by cortado`]);
  assert.deepEqual(
    validateConfig({ ...top, appspec: {}, codedeploy: { application_name: 'a' } }, FILE, 'yaml', '0.1.0', { strict: true }).warnings,
    [],
  );
  parseCanaryConfig({ ...canary, 'min-requests': 5, gates: { 'confirm-promotion': 'manual' } }, 'web', { strict: true });
});

test('strict lists every unknown key of a mapping in one error', () => {
  assert.throws(
    () => validateConfig({ ...top, clustr: 1, regoin: 2 }, FILE, 'yaml', '0.1.0', { strict: true }),
    (e: unknown) => {
      assert.equal(
        (e as Error).message,
        `${FILE}: 2 unknown keys:\n  - clustr: unknown key (did you mean "cluster"?)\n  - regoin: unknown key (did you mean "region"?)`,
      );
      return true;
    },
  );
});

test('a section read without a warn hook still returns its warnings', () => {
  const { warnings } = readPreviewConfig({ ...top, preview: { ...preview, conatiner: 'web' } }, FILE);
  assert.deepEqual(warnings, [`${FILE}: preview.conatiner: unknown key, ignored (did you mean "container"?)`]);
});

const wrong: readonly [string, () => unknown, string, RegExp][] = [
  [
    'top level',
    () => validateConfig({ ...top, timeout: 600 }, FILE, 'yaml', '0.1.0'),
    'timeout',
    /field "timeout": expected a duration such as "10m" or "300s", got number 600/,
  ],
  [
    'canary',
    () => parseCanaryConfig({ ...canary, threshold: 'two' }, 'web', { file: FILE }),
    'canary.threshold',
    /^\/app\/cortado\.yml: canary\.threshold: expected an integer from 1 to 1000, got the string "two"$/,
  ],
  [
    'canary duration',
    () => parseCanaryConfig({ ...canary, interval: 'soon' }, 'web', { file: FILE }),
    'canary.interval',
    /^\/app\/cortado\.yml: canary\.interval: expected a duration such as 30s.* \(or a number of seconds\), got the string "soon"$/,
  ],
  [
    'preview',
    () => readPreviewConfig({ ...top, preview: { ...preview, desired_count: 'two' } }, FILE),
    'preview.desired_count',
    /^\/app\/cortado\.yml: preview\.desired_count: expected an integer from 0 to 100, got the string "two"$/,
  ],
  [
    'preview duration',
    () => readPreviewConfig({ ...top, preview: { ...preview, gc: { older_than: 'a day' } } }, FILE),
    'preview.gc.older_than',
    /preview\.gc\.older_than: expected a duration such as 30s/,
  ],
];

for (const [where, read, field, re] of wrong) {
  test(`a wrong value (${where}) stays an error naming file, field, expectation and value, strict or not`, () => {
    assert.throws(read, (e: unknown) => {
      assert.ok(e instanceof CortadoError && e.source === 'user', String(e));
      assert.equal(e.file, FILE);
      assert.equal(e.field, field);
      assert.match(e.message, re);
      return true;
    });
  });
}
