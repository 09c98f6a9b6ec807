// Table tests for the stale cleaner's verdicts and the endpoints document (merge, parse, targets).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mergeEndpoints, parseEndpoints, parseTarget } from '../../src/preview/endpoints-doc.js';
import { envView, type Piece } from '../../src/preview/env-pieces.js';
import { decideGc } from '../../src/preview/gc-plan.js';

const H = 3_600_000;
const now = new Date('2026-11-22T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const whole = (env: string, updatedAt: Date): Piece[] => {
  const owner = { app: 'web', env, updatedAt };
  return [
    {
      kind: 'service',
      owner,
      arn: `s/${env}`,
      name: env,
      cluster: 'c',
      status: 'ACTIVE',
      taskDefinition: 't',
      desiredCount: 1,
      runningCount: 1,
      targetGroupArns: [],
    },
    { kind: 'task-definition', owner, arn: `t/${env}`, status: 'ACTIVE' },
    { kind: 'target-group', owner, arn: `g/${env}`, name: env },
    { kind: 'rule', owner, arn: `r/${env}`, priority: 1, hosts: [], targetGroupArns: [] },
    { kind: 'record', owner, zoneId: 'Z', name: env, recordSets: [] },
  ];
};

describe('decideGc', () => {
  const policy = { olderThanMs: 24 * H, incompleteAfterMs: 10 * 60_000 };
  const table: ReadonlyArray<readonly [string, Piece[], string | undefined]> = [
    ['a whole env updated an hour ago stays', whole('a', ago(H)), undefined],
    ['a whole env idle for 25 h goes as stale', whole('b', ago(25 * H)), 'stale'],
    [
      'a half-made env from 20 minutes ago goes as incomplete',
      whole('c', ago(20 * 60_000)).filter((p) => p.kind !== 'service'),
      'incomplete',
    ],
    [
      'a half-made env from 2 minutes ago may be a create in progress: it stays',
      whole('d', ago(2 * 60_000)).filter((p) => p.kind === 'target-group'),
      undefined,
    ],
    ['a lone leftover record from yesterday goes', whole('e', ago(30 * H)).filter((p) => p.kind === 'record'), 'incomplete'],
  ];
  for (const [name, pieces, reason] of table) {
    it(name, () => {
      const verdicts = decideGc([envView(pieces[0]!.owner.env, pieces)], now, policy);
      assert.equal(verdicts[0]?.reason, reason);
    });
  }
  it('takes the newest tag of an env as its last update', () => {
    const pieces = whole('f', ago(30 * H)).map((p) => (p.kind === 'service' ? { ...p, owner: { ...p.owner, updatedAt: ago(H) } } : p));
    assert.deepEqual(decideGc([envView('f', pieces)], now, policy), []);
  });
  it('never waits longer for an incomplete env than --older-than', () => {
    const pieces = whole('g', ago(2 * 60_000)).filter((p) => p.kind === 'rule');
    assert.equal(decideGc([envView('g', pieces)], now, { olderThanMs: 60_000, incompleteAfterMs: 10 * 60_000 })[0]?.reason, 'incomplete');
  });
});

describe('endpoints document', () => {
  const e = (name: string) => ({ name, url: `http://${name}.example.com`, image: 'web:1', updatedAt: now.toISOString() });
  it("replaces this app's section, keeps the others, sorts by name", () => {
    const first = mergeEndpoints(undefined, 'web', 'example.com', [e('b'), e('a')], now);
    const second = mergeEndpoints(first, 'shop', 'shop.example.com', [e('x')], now);
    const third = mergeEndpoints(second, 'web', 'example.com', [e('c')], now);
    assert.deepEqual(Object.keys(third.apps).sort(), ['shop', 'web']);
    assert.deepEqual(
      third.apps.web!.environments.map((x) => x.name),
      ['c'],
    );
    assert.deepEqual(
      third.apps.shop!.environments.map((x) => x.name),
      ['x'],
    );
    assert.deepEqual(
      first.apps.web!.environments.map((x) => x.name),
      ['a', 'b'],
    );
  });
  it('parses what it wrote, and refuses to overwrite anything else', () => {
    const doc = mergeEndpoints(undefined, 'web', 'example.com', [e('a')], now);
    assert.deepEqual(parseEndpoints(JSON.stringify(doc), 'f'), doc);
    assert.equal(parseEndpoints(undefined, 'f'), undefined);
    assert.equal(parseEndpoints('  ', 'f'), undefined);
    assert.throws(() => parseEndpoints('{"hello":1}', 'f'), /not a cortado endpoints document/);
    assert.throws(() => parseEndpoints('<html>', 'f'), /not JSON/);
  });
  const targets: ReadonlyArray<readonly [string, unknown]> = [
    ['s3://my-bucket/previews.json', { kind: 's3', bucket: 'my-bucket', key: 'previews.json' }],
    ['s3://my-bucket/a/b/c.json', { kind: 's3', bucket: 'my-bucket', key: 'a/b/c.json' }],
    ['public/previews.json', { kind: 'file', path: 'public/previews.json' }],
  ];
  for (const [raw, want] of targets) it(`target ${raw}`, () => assert.deepEqual(parseTarget(raw), want));
  for (const raw of ['s3://bucket', 's3://B/k', ''])
    it(`refuses target ${JSON.stringify(raw)}`, () => assert.throws(() => parseTarget(raw), /--to expects/));
});
