// The http-header conditions a canary header route uses, as the sandbox data plane matches them (name and values case-insensitive, * and ?).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileCondition, type RuleConditionShape } from '../../../src/local/dataplane/condition-matchers.js';
import type { RequestFacts } from '../../../src/local/dataplane/route-table.js';

const req = (headers: RequestFacts['headers']): RequestFacts => ({
  host: 'a',
  path: '/',
  query: '',
  method: 'GET',
  headers,
  sourceIp: '127.0.0.1',
});
const header = (name: string, values: string[]): RuleConditionShape => ({
  Field: 'http-header',
  HttpHeaderConfig: { HttpHeaderName: name, Values: values },
});

test('header routes: the header name and values match case-insensitively, with * and ? wildcards, any of up to 5 values', () => {
  const cases: [RuleConditionShape, RequestFacts['headers'], boolean][] = [
    [header('X-Canary', ['always']), { 'x-canary': 'always' }, true],
    [header('X-CANARY', ['always']), { 'x-canary': 'ALWAYS' }, true],
    [header('X-Canary', ['always']), { 'x-canary': 'always-not' }, false],
    [header('X-Canary', ['always']), {}, false],
    [header('X-Canary', ['qa-?']), { 'x-canary': 'QA-1' }, true],
    [header('X-Canary', ['qa-?']), { 'x-canary': 'qa-12' }, false],
    [header('X-Canary', ['a', 'b', 'c', 'd', 'tester*']), { 'x-canary': 'tester-jane' }, true],
    // A cookie route: the Cookie header with the pair anywhere in it.
    [header('Cookie', ['*canary=always*']), { cookie: 'session=1; canary=always; theme=dark' }, true],
    [header('Cookie', ['*canary=always*']), { cookie: 'canary=always' }, true],
    [header('Cookie', ['*canary=always*']), { cookie: 'session=1; canary=never' }, false],
    [header('Cookie', ['*canary=always*']), {}, false],
  ];
  for (const [c, headers, want] of cases)
    assert.equal(compileCondition(c)(req(headers)), want, `${JSON.stringify(c.HttpHeaderConfig)} on ${JSON.stringify(headers)}`);
});
