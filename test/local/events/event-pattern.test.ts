import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkEventPattern, matchesEventPattern } from '../../../src/local/services/events/event-pattern.js';
import { targetPayload } from '../../../src/local/services/events/target-delivery.js';
import type { RuleRecord } from '../../../src/local/services/events/events-state.js';

const event = {
  version: '0',
  id: 'e-1',
  'detail-type': 'ECS Task State Change',
  source: 'aws.ecs',
  account: '000000000000',
  time: '2026-12-06T03:40:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:ecs:us-east-1:000000000000:task/jobs/abc'],
  detail: {
    lastStatus: 'STOPPED',
    desiredStatus: 'STOPPED',
    group: 'family:report',
    stopCode: 'EssentialContainerExited',
    containers: [
      { name: 'app', exitCode: 3 },
      { name: 'sidecar', exitCode: 0 },
    ],
    cpu: '256',
    version: 5,
    ip: '10.0.1.17',
    note: null,
  },
};

describe("event patterns: matching (the EventBridge guide's comparison operators)", () => {
  const table: ReadonlyArray<readonly [string, unknown, boolean]> = [
    ['exact value', { source: ['aws.ecs'] }, true],
    ['one of several', { source: ['aws.ec2', 'aws.ecs'] }, true],
    ['wrong value', { source: ['aws.ec2'] }, false],
    ['nested and', { source: ['aws.ecs'], detail: { lastStatus: ['STOPPED'], desiredStatus: ['STOPPED'] } }, true],
    ['nested, one mismatch', { detail: { lastStatus: ['STOPPED'], desiredStatus: ['RUNNING'] } }, false],
    ['array field: any element', { resources: ['arn:aws:ecs:us-east-1:000000000000:task/jobs/abc'] }, true],
    ['array of objects', { detail: { containers: { exitCode: [3] } } }, true],
    ['array of objects, none', { detail: { containers: { exitCode: [137] } } }, false],
    ['prefix', { detail: { group: [{ prefix: 'family:' }] } }, true],
    ['prefix ignoring case', { detail: { group: [{ prefix: { 'equals-ignore-case': 'FAMILY:' } }] } }, true],
    ['suffix', { detail: { group: [{ suffix: ':report' }] } }, true],
    ['equals-ignore-case', { detail: { lastStatus: [{ 'equals-ignore-case': 'stopped' }] } }, true],
    ['anything-but value', { detail: { lastStatus: [{ 'anything-but': 'RUNNING' }] } }, true],
    ['anything-but list', { detail: { lastStatus: [{ 'anything-but': ['RUNNING', 'STOPPED'] }] } }, false],
    ['anything-but prefix', { detail: { group: [{ 'anything-but': { prefix: 'service:' } }] } }, true],
    ['anything-but on a missing field', { detail: { missing: [{ 'anything-but': 'x' }] } }, false],
    ['numeric range', { detail: { version: [{ numeric: ['>', 0, '<=', 5] }] } }, true],
    ['numeric out of range', { detail: { version: [{ numeric: ['>', 5] }] } }, false],
    ['numeric on a string', { detail: { cpu: [{ numeric: ['=', 256] }] } }, false],
    ['exists true', { detail: { stopCode: [{ exists: true }] } }, true],
    ['exists false on a missing field', { detail: { stoppedReason: [{ exists: false }] } }, true],
    ['exists false on a present field', { detail: { stopCode: [{ exists: false }] } }, false],
    ['null', { detail: { note: [null] } }, true],
    ['wildcard', { 'detail-type': [{ wildcard: 'ECS * Change' }] }, true],
    ['cidr', { detail: { ip: [{ cidr: '10.0.0.0/16' }] } }, true],
    ['cidr outside', { detail: { ip: [{ cidr: '10.1.0.0/16' }] } }, false],
    ['$or', { $or: [{ source: ['aws.ec2'] }, { detail: { lastStatus: ['STOPPED'] } }] }, true],
    ['$or, neither', { $or: [{ source: ['aws.ec2'] }, { detail: { lastStatus: ['RUNNING'] } }] }, false],
    ['missing nested object', { detail: { nothing: { here: ['x'] } } }, false],
  ];
  for (const [what, pattern, expected] of table)
    it(`${what}`, () => {
      const text = JSON.stringify(pattern);
      assert.deepEqual(checkEventPattern(text), { kind: 'ok' });
      assert.equal(matchesEventPattern(text, event), expected);
    });
});

describe('event patterns: what PutRule refuses', () => {
  const invalid: ReadonlyArray<readonly [string, string]> = [
    ['not JSON', '{source:'],
    ['not an object', '["aws.ecs"]'],
    ['empty', '{}'],
    ['a bare string leaf', '{"source":"aws.ecs"}'],
    ['an empty array', '{"source":[]}'],
    ['an unknown operator', '{"source":[{"startswith":"aws"}]}'],
    ['two operators in one filter', '{"source":[{"prefix":"a","suffix":"b"}]}'],
    ['a bad numeric operator', '{"detail":{"v":[{"numeric":["!=",1]}]}}'],
    ['exists not boolean', '{"detail":{"v":[{"exists":"yes"}]}}'],
    ['a one-branch $or', '{"$or":[{"source":["a"]}]}'],
  ];
  for (const [what, text] of invalid) it(`refuses ${what}`, () => assert.equal(checkEventPattern(text).kind, 'invalid'));
});

describe('target input', () => {
  const rule = { name: 'r', arn: 'arn:aws:events:us-east-1:000000000000:rule/r' } as RuleRecord;
  it('sends the whole event by default, a constant Input, an InputPath value, or a transformed template', () => {
    assert.deepEqual(JSON.parse(targetPayload({}, event, rule)), event);
    assert.equal(targetPayload({ Input: '{"a":1}' }, event, rule), '{"a":1}');
    assert.equal(targetPayload({ InputPath: '$.detail.lastStatus' }, event, rule), '"STOPPED"');
    assert.equal(
      targetPayload(
        {
          InputTransformer: {
            InputPathsMap: { status: '$.detail.lastStatus', v: '$.detail.version' },
            InputTemplate: '{"s":"<status>","v":<v>,"r":"<aws.events.rule-name>"}',
          },
        },
        event,
        rule,
      ),
      '{"s":"STOPPED","v":5,"r":"r"}',
    );
  });
});
