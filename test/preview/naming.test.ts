// Table tests for preview naming: slugs, target group names, hosts, and the collisions truncation must not cause.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appNameProblem, asciiSlug, domainProblem, envSlug, previewNames, shortHash, targetGroupName } from '../../src/preview/naming.js';
import { UsageError } from '../../src/core/errors.js';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TARGET_GROUP = /^(?!internal-)[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;

describe('envSlug', () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ['pr-42', 'pr-42'],
    ['main', 'main'],
    ['feature/ABC-123_Fix login', `feature-abc-123-fix-login-${shortHash('feature/ABC-123_Fix login')}`],
    ['Feature-X', `feature-x-${shortHash('Feature-X')}`],
    ['café-ünïcode', `cafe-unicode-${shortHash('café-ünïcode')}`],
    ['機能ブランチ', `env-${shortHash('機能ブランチ')}`],
    ['--pr--7--', `pr-7-${shortHash('--pr--7--')}`],
    ['ｆｕｌｌｗｉｄｔｈ', `fullwidth-${shortHash('ｆｕｌｌｗｉｄｔｈ')}`],
  ];
  for (const [name, slug] of cases) {
    it(`${JSON.stringify(name)} → ${slug}`, () => assert.equal(envSlug(name), slug));
  }

  it('is deterministic and a fixed point: the slug of a slug is itself', () => {
    for (const [name] of cases) {
      assert.equal(envSlug(name), envSlug(name));
      assert.equal(envSlug(envSlug(name)), envSlug(name));
    }
  });

  it('always yields a DNS label of at most 63 characters', () => {
    const names = [
      'a'.repeat(100),
      `feature/${'ß'.repeat(92)}`,
      'x'.repeat(63),
      'x'.repeat(64),
      '日本語'.repeat(33),
      'A/B',
      `${'a-'.repeat(50)}`,
    ];
    for (const n of names) {
      const s = envSlug(n);
      assert.match(s, LABEL, `${n} → ${s}`);
      assert.ok(s.length <= 63);
    }
  });

  it('keeps names that fold or truncate alike apart', () => {
    const long = 'feature/' + 'very-long-branch-name-'.repeat(4);
    const pairs: ReadonlyArray<readonly [string, string]> = [
      [`${long}A`, `${long}B`],
      ['feature/foo', 'feature-foo'],
      ['Foo', 'foo'],
      ['a_b', 'a b'],
      ['x'.repeat(64), 'x'.repeat(65)],
      ['機能', '機能2'],
    ];
    for (const [a, b] of pairs) assert.notEqual(envSlug(a), envSlug(b), `${a} vs ${b}`);
  });

  const bad: ReadonlyArray<readonly [string, RegExp]> = [
    ['', /empty/],
    ['   ', /empty/],
    ['a'.repeat(257), /257 characters/],
    ['bad\nname', /control characters/],
    ['tab\there', /control characters/],
  ];
  for (const [name, why] of bad) {
    it(`rejects ${JSON.stringify(name.slice(0, 12))} with a UsageError`, () => {
      assert.throws(
        () => envSlug(name),
        (e: unknown) => e instanceof UsageError && e.code === 'BAD_ENV_NAME' && why.test(e.message),
      );
    });
  }
});

describe('targetGroupName', () => {
  it('keeps short names whole', () => assert.equal(targetGroupName('web', 'pr-42'), 'web-pr-42'));
  it('fits 32 characters with a hash when too long', () => {
    const env = envSlug('feature/ABC-123_Fix login');
    const tg = targetGroupName('web', env);
    assert.ok(tg.length <= 32, tg);
    assert.match(tg, TARGET_GROUP);
    assert.ok(tg.endsWith(shortHash(`web-${env}`)));
  });
  it('never collides for envs that share their first 32 characters', () => {
    const a = targetGroupName('checkout', envSlug('feature/payment-provider-migration-a'));
    const b = targetGroupName('checkout', envSlug('feature/payment-provider-migration-b'));
    const c = targetGroupName('checkout', 'payment-provider-migration-part-1');
    const d = targetGroupName('checkout', 'payment-provider-migration-part-2');
    assert.equal(new Set([a, b, c, d]).size, 4);
    for (const n of [a, b, c, d]) {
      assert.ok(n.length <= 32);
      assert.match(n, TARGET_GROUP);
    }
  });
  it('never ends a cut with a hyphen before the hash', () => {
    const tg = targetGroupName('web', 'abcdefghijklmnopqrstu-wxyz-0123456789');
    assert.doesNotMatch(tg, /--/);
  });
});

describe('previewNames', () => {
  it('derives every name from the app, the name and the domain', () => {
    assert.deepEqual(previewNames('web', 'pr-42', 'preview.example.com'), {
      env: 'pr-42',
      host: 'pr-42.preview.example.com',
      service: 'web-pr-42',
      family: 'web-pr-42',
      targetGroup: 'web-pr-42',
    });
  });
  it('rejects a host longer than an ALB host-header value allows', () => {
    const domain = `${'d'.repeat(60)}.${'e'.repeat(60)}.com`;
    assert.throws(() => previewNames('web', 'x'.repeat(40), domain), /128/);
  });
});

describe('asciiSlug, appNameProblem, domainProblem', () => {
  it('folds accents and punctuation', () => assert.equal(asciiSlug('Ça_va / Été'), 'ca-va-ete'));
  const apps: ReadonlyArray<readonly [string, boolean]> = [
    ['web', true],
    ['web-api', true],
    ['Web', false],
    ['-web', false],
    ['a'.repeat(21), false],
    ['internal', false],
    ['internal-api', false],
    ['internals', true],
  ];
  for (const [app, ok] of apps)
    it(`app ${app} is ${ok ? 'accepted' : 'rejected'}`, () => assert.equal(appNameProblem(app) === undefined, ok));
  const domains: ReadonlyArray<readonly [string, boolean]> = [
    ['preview.example.com', true],
    ['example', false],
    ['Preview.example.com', false],
    ['a..b', false],
    ['-a.com', false],
  ];
  for (const [d, ok] of domains)
    it(`domain ${d} is ${ok ? 'accepted' : 'rejected'}`, () => assert.equal(domainProblem(d) === undefined, ok));
});
