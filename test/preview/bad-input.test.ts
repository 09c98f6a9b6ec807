// Acceptance 4: bad names, a missing reference service, a full listener (100 rules), a missing hosted zone — and more —
// each stop `cortado env create` with exit code 2 and a clear message before any mutating call (the sandbox's call log says so).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DescribeRulesCommand,
  DeleteRuleCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { cortado, writeConfig, type Run } from './cli-run.js';
import { callsSince, lastSeq, startWorld, type World } from './preview-fixtures.js';
import { actorKey, assertCommandCalls, commandOf } from '../helpers/iam-coverage.js';

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  readonly config?: Record<string, unknown>;
  /** Stable error code in `--output json`, and words the message must contain. */
  readonly code: string;
  readonly says: RegExp;
}

describe('bad input stops env create before anything is created', () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });
  after(async () => {
    await w?.close();
  });

  let batch = 0;
  async function runAll(cases: readonly Case[]): Promise<void> {
    const since = await lastSeq(w.sandbox.endpoint);
    const keys = cases.map((_, i) => actorKey(`bad${batch}x${i}`));
    batch++;
    const runs: Run[] = await Promise.all(
      cases.map((c, i) => cortado(w, writeConfig(w.config, c.config ?? {}), [...c.args, '--output', 'json'], keys[i])),
    );
    // The reads a refused command made before it stopped are still its command's calls.
    for (const [i, c] of cases.entries())
      await assertCommandCalls(w.sandbox.endpoint, commandOf(c.args), { since, accessKeyId: keys[i]!, mayBeEmpty: true });
    cases.forEach((c, i) => {
      const r = runs[i]!;
      assert.equal(r.code, 2, `${c.name}: exit ${r.code}\n${r.stdout}${r.stderr}`);
      const err = (JSON.parse(r.stdout) as { error: { code: string; message: string; source: string } }).error;
      assert.equal(err.code, c.code, `${c.name}: ${err.message}`);
      assert.match(err.message, c.says, c.name);
      assert.equal(err.source, 'user', c.name);
    });
    const mutating = (await callsSince(w.sandbox.endpoint, since)).filter((c) => c.mutating);
    assert.deepEqual(
      mutating.map((c) => `${c.service}:${c.operation}`),
      [],
      'no mutating call for any of them',
    );
  }

  it('names, references, zones, listeners, conflicts and options', { timeout: 120_000 }, async () => {
    await w.elb.send(new CreateTargetGroupCommand({ Name: 'web-taken', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-1', TargetType: 'ip' }));
    await runAll([
      { name: 'empty name', args: ['env', 'create', ''], code: 'BAD_ENV_NAME', says: /empty/ },
      { name: 'name with a newline', args: ['env', 'create', 'feature\nx'], code: 'BAD_ENV_NAME', says: /control characters/ },
      { name: 'name of 300 characters', args: ['env', 'create', 'x'.repeat(300)], code: 'BAD_ENV_NAME', says: /300 characters/ },
      { name: 'two names', args: ['env', 'create', 'a', 'b'], code: 'BAD_ARGUMENTS', says: /one environment name/ },
      {
        name: 'missing reference service',
        args: ['env', 'create', 'pr-1'],
        config: { reference: 'dev/nope' },
        code: 'REFERENCE_NOT_FOUND',
        says: /dev\/nope does not exist/,
      },
      {
        name: 'missing reference cluster',
        args: ['env', 'create', 'pr-1', '--from', 'nocluster/web'],
        code: 'REFERENCE_NOT_FOUND',
        says: /cluster nocluster does not exist/,
      },
      {
        name: 'missing hosted zone (by domain)',
        args: ['env', 'create', 'pr-1'],
        config: { domain: 'preview.nowhere.test' },
        code: 'NO_HOSTED_ZONE',
        says: /no Route 53 hosted zone for preview.nowhere.test/,
      },
      {
        name: 'missing hosted zone (by id)',
        args: ['env', 'create', 'pr-1'],
        config: { hosted_zone_id: 'Z0000000NOPE' },
        code: 'NO_HOSTED_ZONE',
        says: /Z0000000NOPE does not exist/,
      },
      {
        name: 'missing listener',
        args: ['env', 'create', 'pr-1'],
        config: { listener_arn: w.listenerArn.replace(/[0-9a-f]{16}$/, '0000000000000000') },
        code: 'LISTENER_NOT_FOUND',
        says: /does not exist/,
      },
      {
        name: 'missing preview cluster',
        args: ['env', 'create', 'pr-1'],
        config: { cluster: 'previews' },
        code: 'CLUSTER_NOT_FOUND',
        says: /previews does not exist/,
      },
      {
        name: 'a target group cortado did not make has the name',
        args: ['env', 'create', 'taken'],
        code: 'ENV_CONFLICT',
        says: /web-taken exists and is not tagged/,
      },
      {
        name: '--image with --tag',
        args: ['env', 'create', 'pr-1', '--image', 'x:1', '--tag', 'v2'],
        code: 'BAD_OPTION',
        says: /exclusive/,
      },
      { name: 'bad --env', args: ['env', 'create', 'pr-1', '--env', 'NOEQUALS'], code: 'BAD_OPTION', says: /KEY=VALUE/ },
      { name: 'bad --tag', args: ['env', 'create', 'pr-1', '--tag', 'a b'], code: 'BAD_OPTION', says: /--tag expects/ },
      {
        name: 'bad config key value',
        args: ['env', 'create', 'pr-1'],
        config: { desired_count: 'two' },
        code: 'BAD_CONFIG',
        says: /desired_count/,
      },
      {
        name: 'bad --older-than',
        args: ['env', 'gc', '--older-than', 'yesterday'],
        code: 'BAD_DURATION',
        says: /--older-than expects a duration/,
      },
      { name: 'publish without a target', args: ['env', 'publish'], code: 'BAD_OPTION', says: /needs a target/ },
    ]);
  });

  it('a full listener (100 rules on its load balancer)', { timeout: 120_000 }, async () => {
    const tg = (
      await w.elb.send(new CreateTargetGroupCommand({ Name: 'filler', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-1', TargetType: 'ip' }))
    ).TargetGroups![0]!.TargetGroupArn!;
    for (let i = 0; i < 100; i++) {
      await w.elb.send(
        new CreateRuleCommand({
          ListenerArn: w.listenerArn,
          Priority: 40_000 + i,
          Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: [`/filler/${i}/*`] } }],
          Actions: [{ Type: 'forward', TargetGroupArn: tg }],
        }),
      );
    }
    try {
      await runAll([{ name: 'full listener', args: ['env', 'create', 'pr-1'], code: 'LISTENER_FULL', says: /100 rules/ }]);
    } finally {
      const rules = ((await w.elb.send(new DescribeRulesCommand({ ListenerArn: w.listenerArn }))).Rules ?? []).filter((r) => !r.IsDefault);
      await Promise.all(rules.map((r) => w.elb.send(new DeleteRuleCommand({ RuleArn: r.RuleArn! }))));
    }
  });
});
