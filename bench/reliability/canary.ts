// Canary runs on a demo stack under load: a good release promoted, a failing one rolled back by the analysis, one aborted by
// `canary abort` from another process, and (with kills) a controller SIGKILLed mid-release then `canary resume`d. After each:
// 100/0 weights, the canary at zero tasks, the stable service settled on what the command reported.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeServicesCommand, ListTasksCommand } from '@aws-sdk/client-ecs';
import { DescribeRulesCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { stringify } from 'yaml';
import { createAwsClients } from '../../src/aws/aws-clients.js';
import { systemClock } from '../../src/core/clock.js';
import { createDemoStack, type DemoStack, listenerUrl } from '../../src/demo/demo-stack.js';
import { type LoadGenerator, startLoad } from '../../src/demo/load-generator.js';
import { settle } from './aws.js';
import { type CliResult, outputOf } from './cli.js';
import type { RunContext, Scenario } from './scenario.js';

const RATE = 60;
const stacks: DemoStack[] = [];
const loads: LoadGenerator[] = [];
const CANARY = {
  steps: [10, 50, 100],
  interval: '3s',
  analysis_interval: '1s',
  threshold: 2,
  min_requests: 4,
  no_data_limit: 8,
  metric_period: 1,
  canary_tasks: 1,
  poll: '300ms',
  lease: '3s',
  deploy_timeout: '90s',
  metrics: [{ name: 'success-rate', min: 90 }],
};

const short = (arn: unknown) => (typeof arn === 'string' ? arn.replace(/^.*task-definition\//, '') : undefined);

function configDir(stack: DemoStack, region: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cortado-reliability-canary-'));
  writeFileSync(join(dir, 'taskdef.json'), JSON.stringify({ family: stack.cluster, containerDefinitions: [] }));
  const canary = { ...CANARY, service: stack.canaryService, listener_rule: stack.ruleArn };
  writeFileSync(
    join(dir, 'cortado.yml'),
    stringify({ region, cluster: stack.cluster, service: stack.stableService, task_definition: 'taskdef.json', canary }),
  );
  return dir;
}

async function stableRevision(ctx: RunContext, stack: DemoStack): Promise<string | undefined> {
  const s = await ctx.aws.ecs.send(new DescribeServicesCommand({ cluster: stack.cluster, services: [stack.stableService] }));
  return short(s.services?.[0]?.taskDefinition);
}

/** What is wrong with the stack once a release ended with the stable service on `expected`. */
async function endProblems(ctx: RunContext, stack: DemoStack, expected: string | undefined): Promise<string[]> {
  const problems: string[] = [];
  const rule = (await ctx.aws.elb.send(new DescribeRulesCommand({ RuleArns: [stack.ruleArn] }))).Rules?.[0];
  const weights = Object.fromEntries(
    (rule?.Actions?.[0]?.ForwardConfig?.TargetGroups ?? []).map((g) => [
      g.TargetGroupArn === stack.canaryTargetGroupArn ? 'canary' : 'stable',
      g.Weight ?? 0,
    ]),
  );
  if ((weights.canary ?? 0) !== 0 || weights.stable !== 100)
    problems.push(`weights ${JSON.stringify(weights)}, expected stable 100 / canary 0`);
  const svcs =
    (await ctx.aws.ecs.send(new DescribeServicesCommand({ cluster: stack.cluster, services: [stack.stableService, stack.canaryService] })))
      .services ?? [];
  const stable = svcs.find((s) => s.serviceName === stack.stableService);
  const canary = svcs.find((s) => s.serviceName === stack.canaryService);
  if (canary?.desiredCount !== 0 || canary.runningCount !== 0)
    problems.push(`canary service at ${canary?.desiredCount} desired / ${canary?.runningCount} running, expected 0`);
  const canaryTasks =
    (await ctx.aws.ecs.send(new ListTasksCommand({ cluster: stack.cluster, serviceName: stack.canaryService }))).taskArns ?? [];
  if (canaryTasks.length) problems.push(`${canaryTasks.length} canary tasks still running`);
  if (expected && short(stable?.taskDefinition) !== expected)
    problems.push(`mismatch: stable runs ${short(stable?.taskDefinition)}, expected ${expected}`);
  if ((stable?.deployments ?? []).length !== 1 || stable?.runningCount !== stable?.desiredCount)
    problems.push(
      `stable service not settled: ${stable?.deployments?.length} deployments, ${stable?.runningCount}/${stable?.desiredCount} running`,
    );
  return problems;
}

/** The ids of the circuit-breaker rollbacks ECS reports in the events of the stack's stable and canary services. */
async function breakerRollbacks(ctx: RunContext, stack: DemoStack): Promise<Set<string>> {
  const svcs =
    (await ctx.aws.ecs.send(new DescribeServicesCommand({ cluster: stack.cluster, services: [stack.stableService, stack.canaryService] })))
      .services ?? [];
  const events = svcs.flatMap((s) => s.events ?? []);
  return new Set(events.filter((e) => /rolling back to deployment/.test(e.message ?? '')).map((e) => e.id ?? ''));
}

/**
 * A release that says ECS's circuit breaker rolled its canary's (or, promoting, the stable's) deployment back — tasks
 * failing on a starved machine — ended as it should (3) when ECS's events show a rollback during the run.
 */
async function ecsRolledBack(ctx: RunContext, stack: DemoStack, r: CliResult, rollbacksBefore: Set<string>): Promise<boolean> {
  const reason = (r.json?.release as { reason?: string } | null | undefined)?.reason ?? '';
  if (!/^(canary|stable) deployment failed/.test(reason)) return false;
  if ([...(await breakerRollbacks(ctx, stack))].some((id) => !rollbacksBefore.has(id))) return true;
  ctx.f.add('mismatch', `${stack.stableService}: the release says "${reason}" but ECS shows no circuit-breaker rollback`);
  return false;
}

/** The stable revision a finished command says the release left: the released one when it succeeded. */
function expectedAfter(r: CliResult, before: string | undefined): string | undefined {
  const release = r.json?.release as { outcome?: string; revision?: string } | null | undefined;
  return release?.outcome === 'succeeded' ? short(release.revision) : before;
}

const OUTCOME_EXIT: Record<string, number> = { succeeded: 0, failed: 3, aborted: 4 };

export const canaryScenario: Scenario = {
  capability: 'canary',
  async prepare(target, _aws, slots) {
    const clients = createAwsClients(
      {
        region: target.region,
        endpoint: target.endpoint,
        maxAttempts: 6,
        credentials: { accessKeyId: 'AKIARELSETUP00000001', secretAccessKey: 'cortado-reliability-secret' },
      },
      {},
    );
    const signal = new AbortController().signal;
    for (let i = 0; i < slots; i++) {
      const stack = await createDemoStack(
        clients,
        { name: `relc${i}`, image: 'cortado/demo-app:v1', stableTasks: 2, stableTimeoutMs: 300_000 },
        { notify() {} },
        systemClock,
        signal,
      );
      stacks.push(stack);
      loads.push(
        startLoad(await listenerUrl(target.endpoint, stack.listenerArn, signal), { rate: RATE, concurrency: 6, keepSamples: false }),
      );
    }
  },
  async close() {
    await Promise.all(loads.map((l) => l.stop()));
  },
  async run(ctx, slot) {
    const { rng, f } = ctx;
    const stack = stacks[slot]!;
    const dir = configDir(stack, ctx.target.region);
    const before = await stableRevision(ctx, stack);
    const rollbacksBefore = await breakerRollbacks(ctx, stack);
    const tag = `v${ctx.index + 2}`;
    const start = (args: readonly string[], killAfterMs?: number) =>
      ctx.cli(['canary', 'start', ...args, '--output', 'json'], {
        cwd: dir,
        label: `canary start ${args.join(' ')}`,
        ...(killAfterMs !== undefined ? { killAfterMs } : {}),
      });
    const check = async (expected: string | undefined, what: string) => {
      for (const p of await settle(() => endProblems(ctx, stack, expected), 45_000))
        f.add(p.startsWith('mismatch') ? 'mismatch' : 'orphan', `${stack.stableService} after ${what}: ${p}`);
    };

    if (ctx.kill) {
      const killed = await start(['--tag', tag], rng.int(1500, 25_000));
      if (killed.killed) f.killed++;
      else f.exit('canary start (finished before the kill)', killed.code, [0], outputOf(killed));
      const resumed = await ctx.cli(['canary', 'resume', '--output', 'json'], { cwd: dir, label: 'canary resume' });
      // Killed before it recorded a release: resume finds none (2, nothing to do); the checks below prove nothing was left.
      const none = resumed.code === 2 && /CANARY_NO_RELEASE/.test(resumed.stdout);
      const rolledBack = await ecsRolledBack(ctx, stack, resumed, rollbacksBefore);
      if (rolledBack) f.step('(ECS rolled the deployment back)');
      f.exit('canary resume after kill -9', resumed.code, none ? [2] : rolledBack ? [3] : [0], outputOf(resumed));
      await check(expectedAfter(resumed, before), 'kill -9 and resume');
      return;
    }
    const shape = rng.pick(['promote', 'rollback', 'abort'] as const);
    if (shape === 'abort') {
      const running = start(['--tag', tag]);
      await new Promise((r) => setTimeout(r, rng.int(3000, 12_000)));
      const abort = await ctx.cli(['canary', 'abort', '--output', 'json'], {
        cwd: dir,
        label: 'canary abort',
        accessKeyId: `AKIARELCAN${String(ctx.index).padStart(6, '0')}0001`,
      });
      const started = await running;
      const outcome = (started.json?.release as { outcome?: string } | null | undefined)?.outcome ?? 'none';
      // The abort is done (0) unless the release had already ended: rolled back (3) or finished promoting (0); or no
      // release was recorded yet or any more (2, nothing changed), and then start went on to its own outcome.
      const none = abort.code === 2 && /CANARY_NO_RELEASE/.test(abort.stdout);
      f.exit('canary abort', abort.code, none ? [2] : outcome === 'failed' ? [3] : [0], outputOf(abort));
      f.exit(`canary start aborted by another process (${outcome})`, started.code, [OUTCOME_EXIT[outcome] ?? -1], outputOf(started));
      await check(expectedAfter(started, before), 'abort');
      return;
    }
    const r = shape === 'promote' ? await start(['--tag', tag]) : await start(['--tag', tag, '--env', 'ERROR_RATE=0.6']);
    // ECS's circuit breaker may roll back the canary's (or, promoting, the stable's) deployment when tasks fail on a loaded
    // machine: the release then rolls back too (3), and says so. That is what happened, not a wrong exit code.
    const reason = (r.json?.release as { reason?: string } | null | undefined)?.reason ?? '';
    const rolledBack = await ecsRolledBack(ctx, stack, r, rollbacksBefore);
    if (rolledBack) f.step('(ECS rolled the deployment back)');
    // On a starved machine the load generator may not reach the canary: too little data for too long rolls the release
    // back (no_data_limit), as designed. The release says so, and 3 is what happened.
    const noData = /^not enough data in \d+ analyses/.test(reason);
    if (noData) f.step('(rolled back for want of traffic)');
    f.exit(`canary start (${shape})`, r.code, shape === 'promote' && !rolledBack && !noData ? [0] : [3], outputOf(r));
    const outcome = (r.json?.release as { outcome?: string } | null | undefined)?.outcome;
    if (r.code !== null && OUTCOME_EXIT[outcome ?? ''] !== r.code)
      f.add('mismatch', `canary start exited ${r.code} but reported ${outcome}`);
    await check(expectedAfter(r, before), shape);
  },
};
