// Preview environment runs: create then delete, two creates and then two deletes racing on one name, and (with kills) a
// create SIGKILLed at a random point followed by a re-run or a delete. Each end state is read from ECS, ELBv2 and Route 53.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeServicesCommand, type ECSClient, ListTagsForResourceCommand } from '@aws-sdk/client-ecs';
import { DescribeRulesCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { previewNames } from '../../src/preview/naming.js';
import { DOMAIN, setupReference, taggedLeftovers } from '../../test/preview/preview-fixtures.js';
import { settle } from './aws.js';
import { type CliResult, outputOf } from './cli.js';
import type { RunContext, Scenario } from './scenario.js';

let reference: { listenerArn: string; zoneId: string } | undefined;
const FAST = ['--output', 'json', '--poll-interval', '300ms'];

function configDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cortado-reliability-env-'));
  const section = {
    app: 'web',
    reference: 'dev/web',
    cluster: 'dev',
    listener_arn: reference!.listenerArn,
    domain: DOMAIN,
    desired_count: 0,
    environment: { PREVIEW: 'true' },
  };
  writeFileSync(join(dir, 'cortado.yml'), `region: us-east-1\npreview: ${JSON.stringify(section)}\n`);
  return dir;
}

/**
 * The clients the leftover listing reads with. Other runs delete their envs' task definitions meanwhile: one listed and
 * gone before its tags are read has no tags (it is not this env's leftover).
 */
const world = (ctx: RunContext) => {
  const ecs = {
    send: (command: Parameters<ECSClient['send']>[0]) =>
      ctx.aws.ecs.send(command).catch((e: unknown) => {
        if (command instanceof ListTagsForResourceCommand && /ResourceNotFound|ClientException|InvalidParameter/.test((e as Error).name))
          return { tags: [] };
        throw e;
      }),
  } as unknown as ECSClient;
  return { ecs, elb: ctx.aws.elb, r53: ctx.aws.r53, ...reference! };
};

/** What a whole env has: one ACTIVE service on the reported revision, its target group and rule, its record. */
async function wholeEnvProblems(ctx: RunContext, env: string, reported: Record<string, unknown> | undefined): Promise<string[]> {
  const pieces = await taggedLeftovers(world(ctx), env);
  const problems: string[] = [];
  const services = pieces.filter((p) => p.startsWith('service '));
  const elb = pieces.filter((p) => p.startsWith('elbv2 '));
  const records = pieces.filter((p) => p.startsWith('record '));
  if (services.length !== 1) problems.push(`half-made: ${services.length} services (${pieces.join(', ')})`);
  if (elb.filter((p) => p.includes(':targetgroup/')).length !== 1 || elb.filter((p) => p.includes(':listener-rule/')).length !== 1)
    problems.push(`half-made: target groups and rules ${elb.join(', ') || 'none'}`);
  if (records.length === 0) problems.push('half-made: no record');
  if (reported) {
    const svc = (await ctx.aws.ecs.send(new DescribeServicesCommand({ cluster: 'dev', services: [String(reported.service)] })))
      .services?.[0];
    if (svc?.taskDefinition !== reported.taskDefinitionArn)
      problems.push(`mismatch: reported ${String(reported.taskDefinitionArn)}, service runs ${svc?.taskDefinition}`);
    const rules = (await ctx.aws.elb.send(new DescribeRulesCommand({ ListenerArn: reference!.listenerArn }))).Rules ?? [];
    const rule = rules.find((r) => r.Conditions?.some((c) => c.HostHeaderConfig?.Values?.includes(String(reported.host))));
    const forwardsTo = rule?.Actions?.[0]?.TargetGroupArn ?? rule?.Actions?.[0]?.ForwardConfig?.TargetGroups?.[0]?.TargetGroupArn;
    if (forwardsTo !== reported.targetGroupArn)
      problems.push(`mismatch: reported target group ${String(reported.targetGroupArn)}, rule forwards to ${forwardsTo}`);
    if (reported.rulePriority !== undefined && rule && String(reported.rulePriority) !== rule.Priority)
      problems.push(`mismatch: reported rule priority ${String(reported.rulePriority)}, rule has ${rule.Priority}`);
  }
  return problems;
}

async function expectWhole(ctx: RunContext, env: string, reported: Record<string, unknown> | undefined): Promise<void> {
  for (const p of await settle(() => wholeEnvProblems(ctx, env, reported), 15_000))
    ctx.f.add(p.startsWith('mismatch') ? 'mismatch' : 'orphan', `${env}: ${p}`);
}

async function expectGone(ctx: RunContext, env: string): Promise<void> {
  ctx.f.orphans(await settle(() => taggedLeftovers(world(ctx), env, { countDraining: true }), 30_000), env);
}

const deleted = (ctx: RunContext, r: CliResult, what: string) => ctx.f.exit(what, r.code, [0], outputOf(r));

export const envScenario: Scenario = {
  capability: 'env',
  async prepare(target) {
    reference = await setupReference(target.endpoint, target.region);
  },
  async run(ctx) {
    const { rng, f } = ctx;
    const name = `feature/REL-${ctx.index}_${rng.pick(['login', 'Checkout flow', 'ünïcode', 'x'])}`;
    const env = previewNames('web', name, DOMAIN).env;
    const dir = configDir();
    const tag = `v${rng.int(1, 3)}`;
    const create = (label: string, killAfterMs?: number, actor = 0) =>
      ctx.cli(['env', 'create', name, '--tag', tag, ...FAST], {
        cwd: dir,
        label,
        ...(killAfterMs !== undefined ? { killAfterMs } : {}),
        accessKeyId: `AKIARELENV${String(ctx.index).padStart(6, '0')}${String(actor).padStart(4, '0')}`,
      });
    const del = (label: string, actor = 0) =>
      ctx.cli(['env', 'delete', name, '--wait', ...FAST], {
        cwd: dir,
        label,
        accessKeyId: `AKIARELENV${String(ctx.index).padStart(6, '0')}${String(actor).padStart(4, '0')}`.slice(0, 20),
      });

    if (ctx.kill) {
      const killed = await create('env create', rng.int(100, 6000));
      if (killed.killed) f.killed++;
      else f.exit('env create (finished before the kill)', killed.code, [0], outputOf(killed));
      // Requests the killed process had sent still land (as on AWS): give them their latency before judging.
      await new Promise((r) => setTimeout(r, 300));
      if (rng.chance(0.5)) {
        const again = await create('env create re-run');
        f.exit('env create re-run after kill -9', again.code, [0], outputOf(again));
        if (again.code === 0) await expectWhole(ctx, env, again.json);
      }
      deleted(ctx, await del('env delete'), 'env delete after kill -9');
      await expectGone(ctx, env);
      return;
    }
    const shape = rng.pick(['plain', 'race', 'update'] as const);
    if (shape === 'race') {
      const [a, b] = await Promise.all([create('env create A', undefined, 1), create('env create B', undefined, 2)]);
      f.exit('racing env create A', a.code, [0], outputOf(a));
      f.exit('racing env create B', b.code, [0], outputOf(b));
      await expectWhole(ctx, env, undefined);
      const [c, d] = await Promise.all([del('env delete A', 3), del('env delete B', 4)]);
      deleted(ctx, c, 'racing env delete A');
      deleted(ctx, d, 'racing env delete B');
      await expectGone(ctx, env);
      return;
    }
    const first = await create('env create');
    f.exit('env create', first.code, [0], outputOf(first));
    if (first.code === 0) await expectWhole(ctx, env, first.json);
    if (shape === 'update') {
      const again = await ctx.cli(['env', 'create', name, '--tag', `v${rng.int(4, 6)}`, ...FAST], {
        cwd: dir,
        label: 'env create (update)',
      });
      f.exit('env create (update)', again.code, [0], outputOf(again));
      if (again.code === 0) await expectWhole(ctx, env, again.json);
    }
    deleted(ctx, await del('env delete'), 'env delete');
    await expectGone(ctx, env);
  },
};
