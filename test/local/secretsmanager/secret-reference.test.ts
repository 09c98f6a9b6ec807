import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractJsonKey, parseSecretReference } from '../../../src/local/services/secretsmanager/secret-reference.js';
import { secretListFilter } from '../../../src/local/services/secretsmanager/secret-list-filter.js';

const SM = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-AbCdEf';

describe('ECS valueFrom parsing', () => {
  const table: ReadonlyArray<readonly [string, unknown]> = [
    ['/app/db/password', { kind: 'ssm', names: ['/app/db/password'] }],
    ['plain', { kind: 'ssm', names: ['plain'] }],
    ['arn:aws:ssm:us-east-1:123456789012:parameter/app/db/password', { kind: 'ssm', names: ['/app/db/password'] }],
    ['arn:aws:ssm:us-east-1:123456789012:parameter/plain', { kind: 'ssm', names: ['plain', '/plain'] }],
    [SM, { kind: 'secretsmanager', secretId: SM }],
    [`${SM}:password::`, { kind: 'secretsmanager', secretId: SM, jsonKey: 'password' }],
    [`${SM}:password:AWSPREVIOUS:`, { kind: 'secretsmanager', secretId: SM, jsonKey: 'password', versionStage: 'AWSPREVIOUS' }],
    [`${SM}::AWSCURRENT:0123`, { kind: 'secretsmanager', secretId: SM, versionStage: 'AWSCURRENT', versionId: '0123' }],
    [
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db',
      { kind: 'secretsmanager', secretId: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db' },
    ],
  ];
  for (const [valueFrom, expected] of table) {
    it(valueFrom, () => assert.deepEqual(parseSecretReference(valueFrom), expected));
  }
  it('refuses malformed ARNs', () => {
    assert.equal(parseSecretReference('arn:aws:secretsmanager:us-east-1:1:secret').kind, 'invalid');
    assert.equal(parseSecretReference('arn:aws:s3:::bucket').kind, 'invalid');
  });
});

describe('JSON key extraction', () => {
  it('returns strings as they are and other values as JSON', () => {
    assert.deepEqual(extractJsonKey('{"u":"x","n":3}', 'u'), { kind: 'ok', value: 'x' });
    assert.deepEqual(extractJsonKey('{"u":"x","n":3}', 'n'), { kind: 'ok', value: '3' });
  });
  it('explains a missing key or a value that is not JSON the way ECS does', () => {
    assert.deepEqual(extractJsonKey('{"u":"x"}', 'p'), {
      kind: 'error',
      reason: 'retrieved secret from Secrets Manager did not contain json key p',
    });
    assert.equal(extractJsonKey('not json', 'p').kind, 'error');
  });
});

describe('ListSecrets filters', () => {
  const s = { name: 'prod/db', description: 'Database password', tags: [{ Key: 'team', Value: 'core' }] };
  const table: ReadonlyArray<readonly [string, readonly string[], boolean]> = [
    ['name', ['prod/'], true],
    ['name', ['Prod/'], false],
    ['name', ['!prod'], false],
    ['description', ['database'], true],
    ['tag-key', ['te'], true],
    ['tag-value', ['other'], false],
    ['all', ['PASSWORD core'], true],
    ['all', ['missing'], false],
  ];
  for (const [Key, Values, expected] of table) {
    it(`${Key}=${Values.join(',')} → ${expected}`, () => assert.equal(secretListFilter([{ Key, Values }])(s), expected));
  }
});
