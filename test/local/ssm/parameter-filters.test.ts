import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../../src/local/aws-error.js';
import {
  BY_PATH_SCOPE,
  DESCRIBE_SCOPE,
  legacyFilters,
  stringFilters,
  type StringFilter,
} from '../../../src/local/services/ssm/parameter-filters.js';
import { checkPath, isUnderPath, isWellFormedName, parameterKey } from '../../../src/local/services/ssm/parameter-names.js';
import type { ParameterState } from '../../../src/local/services/ssm/parameter-store.js';

const param = (
  name: string,
  over: { type?: string; keyId?: string; tier?: string; dataType?: string; tags?: Record<string, string> } = {},
): ParameterState => ({
  name,
  tags: over.tags ?? {},
  stamp: 0,
  versions: [
    {
      version: 1,
      value: 'v',
      type: over.type ?? 'String',
      dataType: over.dataType ?? 'text',
      tier: over.tier ?? 'Standard',
      lastModified: 0,
      lastModifiedUser: 'u',
      labels: ['prod'],
      ...(over.keyId ? { keyId: over.keyId } : {}),
    },
  ],
});

const all = [
  param('root'),
  param('/slashed-root'),
  param('/app/db/password', { type: 'SecureString', keyId: 'alias/app-key', tier: 'Advanced', tags: { team: 'core-db' } }),
  param('/app/db/host', { tags: { team: 'web' } }),
  param('/app/list', { type: 'StringList', tags: { owner: 'x' } }),
  param('/images/ami', { dataType: 'aws:ec2:image' }),
];

const names = (filters: readonly StringFilter[], scope = DESCRIBE_SCOPE): string[] =>
  all.filter(stringFilters(filters, scope)).map((p) => p.name);

const fails = (filters: readonly StringFilter[], code: string, message: RegExp, scope = DESCRIBE_SCOPE) =>
  assert.throws(
    () => stringFilters(filters, scope),
    (e: unknown) => e instanceof AwsError && e.code === code && message.test(e.message),
  );

describe('root-level names with and without their leading slash', () => {
  it('are one parameter; names in a hierarchy keep their slash', () => {
    assert.equal(parameterKey('/name'), parameterKey('name'));
    assert.equal(parameterKey('/a/b'), '/a/b');
    assert.notEqual(parameterKey('/a/b'), parameterKey('a/b'));
  });
  it('lie under "/" one level deep', () => {
    assert.equal(isUnderPath('root', '/', false), true);
    assert.equal(isUnderPath('/slashed-root', '/', false), true);
    assert.equal(isUnderPath('/app/db', '/', false), false);
    assert.equal(isUnderPath('/app/db', '/', true), true);
  });
  it('reads refuse a slash that does not start the name, and empty sub-paths', () => {
    assert.equal(isWellFormedName('/aws/service/x'), true);
    assert.equal(isWellFormedName('a/b'), false);
    assert.equal(isWellFormedName('/a//b'), false);
    assert.equal(isWellFormedName('a b'), false);
  });
  it('paths start with "/", have no empty sub-path and at most 15 levels', () => {
    assert.equal(checkPath('/').kind, 'ok');
    assert.equal(checkPath('/a/b/').kind, 'ok');
    assert.equal(checkPath('a/b').kind, 'invalid');
    assert.equal(checkPath('/a//b').kind, 'invalid');
    assert.equal(checkPath('/a#').kind, 'invalid');
    const levels = (n: number) => `/${Array.from({ length: n }, (_, i) => `l${i}`).join('/')}`;
    assert.equal(checkPath(levels(15)).kind, 'ok');
    assert.equal(checkPath(levels(16)).kind, 'invalid');
  });
});

describe('DescribeParameters ParameterFilters', () => {
  const table: ReadonlyArray<readonly [string, readonly StringFilter[], readonly string[]]> = [
    ['Name Equals finds a root name with or without its slash', [{ Key: 'Name', Values: ['/root'] }], ['root']],
    ['Name Equals without a slash finds "/slashed-root"', [{ Key: 'Name', Values: ['slashed-root'] }], ['/slashed-root']],
    ['Name BeginsWith', [{ Key: 'Name', Option: 'BeginsWith', Values: ['/app/db'] }], ['/app/db/password', '/app/db/host']],
    ['Name Contains', [{ Key: 'Name', Option: 'Contains', Values: ['/ro'] }], ['root']],
    ['Path OneLevel "/" lists root names', [{ Key: 'Path', Values: ['/'] }], ['root', '/slashed-root']],
    ['Path Recursive', [{ Key: 'Path', Option: 'Recursive', Values: ['/app'] }], ['/app/db/password', '/app/db/host', '/app/list']],
    [
      'Type BeginsWith',
      [{ Key: 'Type', Option: 'BeginsWith', Values: ['String'] }],
      ['root', '/slashed-root', '/app/db/host', '/app/list', '/images/ami'],
    ],
    ['KeyId BeginsWith', [{ Key: 'KeyId', Option: 'BeginsWith', Values: ['alias/app'] }], ['/app/db/password']],
    ['Tier Equals', [{ Key: 'Tier', Values: ['Advanced'] }], ['/app/db/password']],
    ['DataType Equals', [{ Key: 'DataType', Values: ['aws:ec2:image'] }], ['/images/ami']],
    ['tag without values: the key is present', [{ Key: 'tag:team' }], ['/app/db/password', '/app/db/host']],
    ['tag BeginsWith', [{ Key: 'tag:team', Option: 'BeginsWith', Values: ['core'] }], ['/app/db/password']],
    ['tag Equals', [{ Key: 'tag:team', Values: ['web'] }], ['/app/db/host']],
    [
      'every filter must match',
      [
        { Key: 'Path', Option: 'Recursive', Values: ['/app'] },
        { Key: 'tag:team', Values: ['web', 'core-db'] },
        { Key: 'Type', Values: ['String'] },
      ],
      ['/app/db/host'],
    ],
  ];
  for (const [what, filters, expected] of table) it(what, () => assert.deepEqual(names(filters), expected));

  it('answers AWS errors for keys, values, duplicates, options and paths', () => {
    fails(
      [{ Key: 'Label', Values: ['x'] }],
      'InvalidFilterKey',
      /^The following filter key is not valid: Label\. Valid filter keys include: \[Path, Name, Type, KeyId, Tier\]\.$/,
    );
    fails([{ Key: 'Name' }], 'InvalidFilterValue', /^The following filter values are missing : null for filter key Name\.$/);
    fails(
      [
        { Key: 'Name', Values: ['a'] },
        { Key: 'Name', Values: ['b'] },
      ],
      'InvalidFilterKey',
      /duplicated in the request: Name\. A request can contain only one occurrence of a specific filter\./,
    );
    fails(
      [{ Key: 'Path', Option: 'Equals', Values: ['/a'] }],
      'InvalidFilterOption',
      /not valid: Equals\. Valid options include: \[Recursive, OneLevel\]\./,
    );
    fails(
      [{ Key: 'Path', Values: ['/aws/x'] }],
      'ValidationException',
      /^Filters for common parameters can't be prefixed with "aws" or "ssm"/,
    );
    fails([{ Key: 'Path', Values: ['app'] }], 'ValidationException', /must begin with a forward slash/);
    fails(
      [{ Key: 'Type', Values: ['Text'] }],
      'InvalidFilterValue',
      /^The following filter value is not valid: Text\. Valid values include: \[String, StringList, SecureString\]\.$/,
    );
    fails([{ Key: 'Tier', Values: ['Gold'] }], 'InvalidFilterValue', /Valid values include: \[Standard, Advanced, Intelligent-Tiering\]\./);
    fails(
      [{ Key: 'KeyId', Option: 'Contains', Values: ['x'] }],
      'InvalidFilterOption',
      /^The following filter option is not valid: Contains\. Valid options include: \[BeginsWith, Equals\]\.$/,
    );
    fails([{ Key: 'Name', Option: 'Recursive', Values: ['x'] }], 'InvalidFilterOption', /not valid: Recursive/);
  });
});

describe('GetParametersByPath ParameterFilters', () => {
  it('takes Type, KeyId (Equals/BeginsWith) and Label (Equals) only', () => {
    assert.deepEqual(names([{ Key: 'Type', Option: 'BeginsWith', Values: ['Secure'] }], BY_PATH_SCOPE), ['/app/db/password']);
    assert.deepEqual(names([{ Key: 'Label', Values: ['prod'] }], BY_PATH_SCOPE).length, all.length);
    for (const key of ['Name', 'Path', 'Tier', 'DataType', 'tag:team']) {
      fails(
        [{ Key: key, Values: ['x'] }],
        'InvalidFilterKey',
        new RegExp(`not valid: ${key}\\. Valid filter keys include: \\[Type, KeyId\\]\\.`),
        BY_PATH_SCOPE,
      );
    }
    fails(
      [{ Key: 'Label', Option: 'BeginsWith', Values: ['p'] }],
      'InvalidFilterOption',
      /Valid options include: \[Equals\]\./,
      BY_PATH_SCOPE,
    );
  });
});

describe('legacy Filters', () => {
  it('match Name as a prefix and Type/KeyId exactly', () => {
    const keep = legacyFilters([
      { Key: 'Name', Values: ['/app'] },
      { Key: 'Type', Values: ['String', 'StringList'] },
    ]);
    assert.deepEqual(
      all.filter(keep).map((p) => p.name),
      ['/app/db/host', '/app/list'],
    );
    assert.deepEqual(
      all.filter(legacyFilters([{ Key: 'KeyId', Values: ['alias/app-key'] }])).map((p) => p.name),
      ['/app/db/password'],
    );
  });
});
