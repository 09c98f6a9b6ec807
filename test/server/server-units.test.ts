// The server's pure parts: its config's errors, tokens and cookies, Slack signatures and commands, error → HTTP mapping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsCallError, UsageError } from '../../src/core/errors.js';
import { createAuth, sha256Hex } from '../../src/server/auth.js';
import { httpErrorOf } from '../../src/server/http-errors.js';
import { parseServerConfig } from '../../src/server/server-config.js';
import { parseSlackCommand } from '../../src/server/slack-commands.js';
import { createSlackVerifier, slackSignature } from '../../src/server/slack-signature.js';

const base = { applications: { api: { config: 'api.yml' } } };

test('a bad server config names the file and the field', () => {
  const bad = (raw: unknown) => {
    try {
      parseServerConfig(raw, 'srv.yml');
    } catch (e) {
      return e as UsageError;
    }
    throw new Error('accepted');
  };
  const e1 = bad({ ...base, tokens: [{ principal: 'a', sha256: 'nothex' }] });
  assert.equal(e1.code, 'SERVER_CONFIG');
  assert.equal(e1.field, 'tokens.0.sha256');
  assert.match(e1.message, /^srv\.yml: tokens\.0\.sha256: /);
  assert.equal(bad({ ...base, roles: { a: { web: 'viewer' } } }).field, 'roles.a.web');
  assert.equal(bad({ ...base, roles: { a: { api: 'root' } } }).field, 'roles.a.api');
  assert.equal(bad({ ...base, tokens: [{ principal: 'a', sha256: 'a'.repeat(64), ssm: '/x' }] }).field, 'tokens.0');
  assert.equal(bad({ ...base, bogus: 1 }).code, 'SERVER_CONFIG');
  assert.equal(parseServerConfig(base, 'srv.yml').takeover.every, 10_000);
});

test('tokens by hash, roles per app, signed cookies that expire and refuse tampering, CSRF bound to the cookie', () => {
  const cfg = parseServerConfig({ ...base, roles: { alice: { '*': 'operator' }, bob: { api: 'viewer' } } }, 'srv.yml');
  let now = 1_000_000;
  const auth = createAuth(cfg, new Map([[sha256Hex('t0k'), 'alice']]), 'secret', () => now);
  assert.equal(auth.principalOfToken('t0k'), 'alice');
  assert.equal(auth.principalOfToken('t0K'), undefined);
  assert.ok(auth.allows('alice', 'api', 'operator'));
  assert.ok(!auth.allows('alice', 'api', 'admin'));
  assert.ok(!auth.allows('bob', 'api', 'operator'));
  assert.ok(!auth.allows('carol', 'api', 'viewer'));
  const cookie = auth.sessionCookie('alice');
  assert.equal(auth.principalOfCookie(cookie), 'alice');
  assert.equal(auth.principalOfCookie(cookie.replace(/^alice/, 'admin')), undefined);
  assert.ok(auth.csrfValid(cookie, auth.csrfOf(cookie)));
  assert.ok(!auth.csrfValid(cookie, auth.csrfOf(auth.sessionCookie('alice'))));
  now += cfg.session.ttl + 1;
  assert.equal(auth.principalOfCookie(cookie), undefined, 'expired');
});

test('Slack signatures: good once, then a replay; stale and bad refused', () => {
  let now = 1_700_000_000;
  const verify = createSlackVerifier('s3cret', () => now);
  const ts = String(now);
  const sig = slackSignature('s3cret', ts, 'a=b');
  assert.deepEqual(verify(ts, sig, 'a=b'), { ok: true });
  assert.equal((verify(ts, sig, 'a=b') as { code: string }).code, 'SLACK_REPLAY');
  assert.equal((verify(ts, sig, 'a=c') as { code: string }).code, 'SLACK_BAD_SIGNATURE');
  assert.equal((verify(ts, undefined, 'a=b') as { code: string }).code, 'SLACK_BAD_SIGNATURE');
  now += 301;
  const late = slackSignature('s3cret', ts, 'x');
  assert.equal((verify(ts, late, 'x') as { code: string }).code, 'SLACK_STALE');
});

test('Slack commands parse to one action each', () => {
  assert.deepEqual(parseSlackCommand('canary promote api --skip-analysis'), {
    kind: 'canary',
    action: 'promote',
    app: 'api',
    skipAnalysis: true,
  });
  assert.deepEqual(parseSlackCommand('env create feature/x'), { kind: 'env', action: 'create', name: 'feature/x' });
  assert.deepEqual(parseSlackCommand('canary start api v2'), { kind: 'canary-start', app: 'api', tag: 'v2' });
  assert.deepEqual(parseSlackCommand(''), { kind: 'help' });
  assert.equal(parseSlackCommand('canary abort api --skip-analysis').kind, 'bad');
  assert.equal(parseSlackCommand('deploy api').kind, 'bad');
});

test("errors map to HTTP with the CLI's exit semantics", () => {
  assert.equal(httpErrorOf(new UsageError('BAD_OPTION', 'x')).status, 400);
  assert.equal(httpErrorOf(new UsageError('CANARY_IN_PROGRESS', 'x')).status, 409);
  assert.equal(httpErrorOf(new UsageError('CANARY_NO_RELEASE', 'x')).status, 409);
  assert.equal(httpErrorOf(new UsageError('CANARY_NOT_CONFIGURED', 'x')).status, 404);
  assert.equal(httpErrorOf(new AwsCallError('DescribeServices', 'ThrottlingException', 'slow')).status, 502);
  assert.equal(httpErrorOf(new AwsCallError('DescribeServices', 'ServiceNotFoundException', 'gone')).status, 404);
  assert.deepEqual(httpErrorOf(new Error('boom')).body, { error: { code: 'SERVER_ERROR', message: 'the server failed; see its log' } });
});
