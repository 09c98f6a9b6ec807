import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { matchesFilter, parseFilterPattern } from '../../../src/local/services/logs/filter-pattern.js';
import { parseQuery, QueryError } from '../../../src/local/services/logs/insights-query.js';
import { formatTimestamp, runQuery, type InsightsRecord } from '../../../src/local/services/logs/insights-run.js';
import { checkDashboardBody } from '../../../src/local/services/cloudwatch/dashboards.js';

const pattern = (text: string) => {
  const p = parseFilterPattern(text);
  assert.equal(p.kind, 'ok', text);
  return p.kind === 'ok' ? p.pattern : assert.fail();
};

describe('JSON filter patterns', () => {
  const event = JSON.stringify({ user: { id: 7, name: 'Ana' }, tags: ['a', 'b'], ok: true, gone: null, latency: '12.5' });
  const cases: Array<[string, boolean]> = [
    ['{ $.user.id = 7 }', true],
    ['{ $.user.id = 8 }', false],
    ['{ $.user.name = "An*" }', true],
    ['{ $.user.name = Ana }', true],
    ['{ $.user.name != "Ana" }', false],
    ['{ $.tags[1] = "b" }', true],
    ['{ $.latency > 12 && $.latency < 13 }', true],
    ['{ $.latency >= 13 || $.user.id = 7 }', true],
    ['{ ($.user.id = 1 || $.user.id = 7) && $.ok IS TRUE }', true],
    ['{ $.ok IS FALSE }', false],
    ['{ $.gone IS NULL }', true],
    ['{ $.missing NOT EXISTS }', true],
    ['{ $.user.id NOT EXISTS }', false],
    ['{ $.missing = "x" }', false],
  ];
  for (const [text, expected] of cases) {
    it(`${text} → ${expected}`, () => assert.equal(matchesFilter(pattern(text), event), expected));
  }
  it('never matches an event that is not JSON', () => assert.equal(matchesFilter(pattern('{ $.a = 1 }'), 'a=1'), false));
  it('refuses malformed JSON patterns and space-delimited ones', () => {
    for (const text of ['{ $.a = }', '{ $.a > "x" }', '{ $.a = 1', '{ a = 1 }', '[ip, user]']) {
      assert.equal(parseFilterPattern(text).kind, 'error', text);
    }
  });
});

describe('Logs Insights query language subset', () => {
  const records: InsightsRecord[] = [
    { timestamp: 1000, message: '{"k":"x","n":3}', ingestionTime: 1001, logStream: 's1', log: '1:/g', ptr: 'p1' },
    { timestamp: 2000, message: '{"k":"y","n":5}', ingestionTime: 2001, logStream: 's1', log: '1:/g', ptr: 'p2' },
    { timestamp: 3000, message: '{"k":"x","n":10}', ingestionTime: 3001, logStream: 's2', log: '1:/g', ptr: 'p3' },
    { timestamp: 4000, message: 'text line with Error', ingestionTime: 4001, logStream: 's2', log: '1:/g', ptr: 'p4' },
  ];
  const values = (query: string, field: string) =>
    runQuery(parseQuery(query), records).rows.map((r) => r.find((f) => f.field === field)?.value);

  it('returns rows newest first by default, with the system fields and @ptr', () => {
    const out = runQuery(parseQuery('filter n > 0'), records);
    assert.deepEqual(
      out.rows[0]!.map((f) => f.field),
      ['@timestamp', '@message', '@logStream', '@log', '@ptr'],
    );
    assert.deepEqual(
      out.rows.map((r) => r.find((f) => f.field === '@ptr')!.value),
      ['p3', 'p2', 'p1'],
    );
    assert.equal(out.recordsMatched, 3);
  });
  it('filters with =, !=, like "text", like /regex/, =~, not, and/or, parentheses', () => {
    assert.deepEqual(values('fields n | filter k = "x"', 'n'), ['10', '3']);
    assert.deepEqual(values('fields n | filter k != "x"', 'n'), ['5']);
    assert.deepEqual(values('fields @message | filter @message like "Error"', '@message'), ['text line with Error']);
    assert.deepEqual(values('fields @ptr | filter @message like /"k":"[xy]"/', '@ptr'), ['p3', 'p2', 'p1']);
    assert.deepEqual(values('fields @ptr | filter @message =~ /error/i', '@ptr'), ['p4']);
    assert.deepEqual(values('fields @ptr | filter not (k = "x" or n = 5)', '@ptr'), ['p4']);
    assert.deepEqual(values('fields @ptr | filter @message not like /k/', '@ptr'), ['p4']);
  });
  it('sorts, limits and renames fields', () => {
    assert.deepEqual(values('fields n as v | sort v asc | limit 2', 'v'), ['3', '5']);
    assert.deepEqual(values('fields n | sort n desc', 'n'), ['10', '5', '3', undefined]);
  });
  it('stats count(*), sum, min, max by one or more fields', () => {
    const out = runQuery(parseQuery('filter ispresent = 0 or n > 0 | stats count(*) as c, sum(n), max(n) by k | sort k asc'), records);
    assert.deepEqual(
      out.rows.map((r) => Object.fromEntries(r.map((f) => [f.field, f.value]))),
      [
        { k: 'x', c: '2', 'sum(n)': '13', 'max(n)': '10' },
        { k: 'y', c: '1', 'sum(n)': '5', 'max(n)': '5' },
      ],
    );
    assert.deepEqual(values('stats count(*)', 'count(*)'), ['4']);
  });
  it('refuses commands, functions and syntax outside the subset with their position', () => {
    for (const [query, where] of [
      ['fields a | parse @message "x * y" as z', 11],
      ['stats pct(n, 50) by k', 6],
      ['filter a = ', 11],
      ['limit 0', 6],
      ['', 0],
    ] as const) {
      assert.throws(
        () => parseQuery(query),
        (e: unknown) => e instanceof QueryError && e.start === where,
        query,
      );
    }
  });
  it('prints timestamps as Insights does', () =>
    assert.equal(formatTimestamp(Date.UTC(2026, 0, 2, 3, 4, 5, 6)), '2026-01-02 03:04:05.006'));
});

describe('dashboard body checks', () => {
  it('accepts a valid body, warns about unknown top-level properties, refuses bad widgets', () => {
    assert.deepEqual(checkDashboardBody('{"widgets":[]}'), { errors: [], warnings: [] });
    assert.deepEqual(checkDashboardBody('{"widgets":[],"x":1}').warnings, [
      { DataPath: '/x', Message: 'Should NOT have additional properties' },
    ]);
    assert.deepEqual(checkDashboardBody('[]').errors, [{ DataPath: '', Message: 'Should be object' }]);
    assert.deepEqual(checkDashboardBody('{}').errors, [{ DataPath: '', Message: "Should have required property 'widgets'" }]);
    assert.deepEqual(
      checkDashboardBody('{"widgets":[{"type":"metric","height":0,"properties":{"metrics":{}}}]}').errors.map((e) => e.DataPath),
      ['/widgets/0/height', '/widgets/0/properties/metrics'],
    );
  });
});
