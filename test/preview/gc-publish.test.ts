// The stale cleaner and the endpoints file against the sandbox: gc finds stale and half-made previews by tag (dry run changes
// nothing), leaves fresh ones; publish writes ready previews to S3 and to a file, keeping other apps' sections.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteServiceCommand } from '@aws-sdk/client-ecs';
import { DescribeRulesCommand, DeleteRuleCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { createEnv } from '../../src/preview/create-env.js';
import { gcEnvs } from '../../src/preview/gc-envs.js';
import { listEnvs } from '../../src/preview/list-envs.js';
import { publishEndpoints } from '../../src/preview/publish-endpoints.js';
import { cortado, writeConfig } from './cli-run.js';
import { callsSince, lastSeq, startWorld, taggedLeftovers, type World } from './preview-fixtures.js';
import { withCommandCalls } from '../helpers/iam-coverage.js';

describe('env gc and env publish', () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });
  after(async () => {
    await w?.close();
  });
  const signal = new AbortController().signal;
  const deps = () => ({ ...w.deps(), config: { ...w.config, desiredCount: 0 } });

  it('publish writes the ready previews to S3 and a file; ls --output json agrees', async () => {
    const a = await withCommandCalls(w.sandbox.endpoint, 'env create', () =>
      createEnv(deps(), { name: 'pr-1', image: { kind: 'tag', tag: 'v2' }, environment: {} }, signal),
    );
    await createEnv(deps(), { name: 'Feature/Ünïcode ブランチ', image: { kind: 'none' }, environment: {} }, signal);
    const s3 = await withCommandCalls(w.sandbox.endpoint, 'env publish', () =>
      publishEndpoints(deps(), 's3://frontend/previews.json', signal),
    );
    assert.equal(s3.environments, 2);
    const body = JSON.parse(
      await (await w.s3.send(new GetObjectCommand({ Bucket: 'frontend', Key: 'previews.json' }))).Body!.transformToString(),
    ) as {
      version: number;
      apps: Record<string, { domain: string; environments: Array<{ name: string; url: string; image: string }> }>;
    };
    assert.equal(body.version, 1);
    assert.deepEqual(
      body.apps.web!.environments.map((e) => e.name).sort(),
      [a.env, (await listEnvs(deps(), signal)).rows.find((r) => r.name !== a.env)!.name].sort(),
    );
    assert.equal(body.apps.web!.environments.find((e) => e.name === 'pr-1')!.url, 'http://pr-1.preview.example.com');

    const dir = mkdtempSync(join(tmpdir(), 'cortado-publish-'));
    const file = join(dir, 'previews.json');
    writeFileSync(
      file,
      JSON.stringify({ version: 1, updatedAt: '2026-01-01T00:00:00Z', apps: { shop: { domain: 'shop.example.com', environments: [] } } }),
    );
    await withCommandCalls(w.sandbox.endpoint, 'env publish', () => publishEndpoints(deps(), file, signal));
    const local = JSON.parse(readFileSync(file, 'utf8')) as { apps: Record<string, { environments: unknown[] }> };
    assert.deepEqual(Object.keys(local.apps).sort(), ['shop', 'web']);
    assert.equal(local.apps.web!.environments.length, 2);
    assert.deepEqual(readdirSync(dir), ['previews.json'], 'no temporary file left beside it');

    const ls = await withCommandCalls(w.sandbox.endpoint, 'env ls', () =>
      cortado(w, writeConfig(w.config), ['env', 'ls', '--output', 'json']),
    );
    assert.equal(ls.code, 0, ls.stderr);
    const rows = (JSON.parse(ls.stdout) as { environments: Array<{ name: string; status: string; image: string }> }).environments;
    assert.deepEqual(
      rows.map((r) => r.status),
      ['ready', 'ready'],
    );
    assert.ok(rows.some((r) => r.name === 'pr-1' && r.image === 'cortado/demo-app:v2'));
  });

  it('gc: a dry run changes nothing; stale and half-made previews go, fresh ones stay', async () => {
    // pr-2 loses its service and rule behind cortado's back: a half-made environment.
    const b = await createEnv(deps(), { name: 'pr-2', image: { kind: 'none' }, environment: {} }, signal);
    await w.ecs.send(new DeleteServiceCommand({ cluster: 'dev', service: b.service, force: true }));
    const rule = ((await w.elb.send(new DescribeRulesCommand({ ListenerArn: w.listenerArn }))).Rules ?? []).find((r) =>
      r.Conditions?.some((c) => c.HostHeaderConfig?.Values?.includes(b.host)),
    );
    await w.elb.send(new DeleteRuleCommand({ RuleArn: rule!.RuleArn! }));
    const before = (await listEnvs(deps(), signal)).rows;
    assert.deepEqual(before.find((r) => r.name === 'pr-2')?.missing, ['service', 'rule']);

    const since = await lastSeq(w.sandbox.endpoint);
    const dry = await withCommandCalls(w.sandbox.endpoint, 'env gc', () =>
      gcEnvs(deps(), { olderThanMs: 0, incompleteAfterMs: 0, dryRun: true }, signal),
    );
    assert.equal(dry.verdicts.length, 3);
    assert.deepEqual(
      (await callsSince(w.sandbox.endpoint, since)).filter((c) => c.mutating),
      [],
      'a dry run makes no mutating call',
    );

    const incompleteOnly = await withCommandCalls(w.sandbox.endpoint, 'env gc', () =>
      gcEnvs(deps(), { olderThanMs: 3_600_000, incompleteAfterMs: 0, dryRun: false }, signal),
    );
    assert.deepEqual(incompleteOnly.deleted, ['pr-2']);
    assert.deepEqual(
      incompleteOnly.verdicts.map((v) => v.reason),
      ['incomplete'],
    );
    assert.deepEqual(await taggedLeftovers(w, 'pr-2'), []);
    assert.equal((await listEnvs(deps(), signal)).rows.length, 2, 'the fresh, whole ones stay');

    const stale = await withCommandCalls(w.sandbox.endpoint, 'env gc', () =>
      cortado(w, writeConfig(w.config), ['env', 'gc', '--older-than', '1ms', '--output', 'json']),
    );
    assert.equal(stale.code, 0, stale.stderr);
    assert.equal((JSON.parse(stale.stdout) as { deleted: string[] }).deleted.length, 2);
    assert.deepEqual((await listEnvs(deps(), signal)).rows, []);
    assert.deepEqual(await taggedLeftovers(w, 'pr-1'), []);
  });
});
