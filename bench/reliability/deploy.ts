// Deploy runs: create by deploy, then good images, crashing images (the circuit breaker rolls back) and `rollback`, and
// `delete`; with kills, a deploy is SIGKILLed at a random point and re-run. Every step is checked against ECS.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateClusterCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListTasksCommand,
} from '@aws-sdk/client-ecs';
import { settle } from './aws.js';
import { outputOf } from './cli.js';
import type { RunContext, Scenario } from './scenario.js';

const CLUSTER = 'rel-deploy';
const FAST = ['--poll-interval', '300ms', '--timeout', '3m', '--output', 'json'];

const taskDefinition = (family: string, tag: string, crash: boolean) => ({
  family,
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  containerDefinitions: [
    {
      name: 'app',
      image: `cortado/demo-app:${tag}`,
      essential: true,
      portMappings: [{ containerPort: 8080 }],
      environment: crash ? [{ name: 'EXIT_CODE', value: '3' }] : [{ name: 'GREETING', value: tag }],
    },
  ],
});

const serviceDefinition = (desiredCount: number) => ({
  desiredCount,
  launchType: 'FARGATE',
  networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0a', 'subnet-0b'], securityGroups: ['sg-0a'] } },
  deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true }, maximumPercent: 200, minimumHealthyPercent: 100 },
});

const shortName = (arn: string | undefined) => arn?.replace(/^.*task-definition\//, '');

/** What is wrong with the service compared with a settled deployment of `expected` (a family:revision). */
async function serviceProblems(ctx: RunContext, service: string, expected: string): Promise<string[]> {
  const s = (await ctx.aws.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [service] }))).services?.[0];
  if (!s) return [`service ${service} is missing`];
  const problems: string[] = [];
  if (shortName(s.taskDefinition) !== expected) problems.push(`service runs ${shortName(s.taskDefinition)}, expected ${expected}`);
  if ((s.deployments ?? []).length !== 1) problems.push(`${s.deployments?.length} deployments`);
  if (s.runningCount !== s.desiredCount) problems.push(`running ${s.runningCount} of ${s.desiredCount}`);
  const arns = (await ctx.aws.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: service }))).taskArns ?? [];
  if (arns.length > 0) {
    const tasks = (await ctx.aws.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: arns }))).tasks ?? [];
    for (const t of tasks)
      if (shortName(t.taskDefinitionArn) !== expected)
        problems.push(`task ${t.taskArn} of ${shortName(t.taskDefinitionArn)} ${t.lastStatus}`);
  }
  return problems;
}

async function leftovers(ctx: RunContext, service: string, family: string, deregistered: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const s = (await ctx.aws.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [service] }))).services?.[0];
  if (s && s.status !== 'INACTIVE') out.push(`service ${service} ${s.status}`);
  const arns = (await ctx.aws.ecs.send(new ListTasksCommand({ cluster: CLUSTER, family }))).taskArns ?? [];
  if (arns.length > 0) {
    const tasks = (await ctx.aws.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: arns }))).tasks ?? [];
    for (const t of tasks) if (t.lastStatus !== 'STOPPED') out.push(`task ${t.taskArn} ${t.lastStatus}`);
  }
  for (const td of deregistered) {
    const d = await ctx.aws.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: td }));
    if (d.taskDefinition?.status !== 'INACTIVE') out.push(`task definition ${td} ${d.taskDefinition?.status} (rollback deregistered it)`);
  }
  return out;
}

export const deployScenario: Scenario = {
  capability: 'deploy',
  async prepare(_target, aws) {
    await aws.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
  },
  async run(ctx) {
    const { rng, f } = ctx;
    const service = ctx.name;
    const family = `rel-${ctx.name}`;
    const dir = mkdtempSync(join(tmpdir(), 'cortado-reliability-'));
    const desired = rng.int(1, 2);
    writeFileSync(
      join(dir, 'cortado.yml'),
      `region: ${ctx.target.region}\ncluster: ${CLUSTER}\nservice: ${service}\ntask_definition: td.json\nservice_definition: sd.json\n`,
    );
    writeFileSync(join(dir, 'sd.json'), JSON.stringify(serviceDefinition(desired)));
    let tag = 0;
    const write = (crash: boolean) => writeFileSync(join(dir, 'td.json'), JSON.stringify(taskDefinition(family, `v${++tag}`, crash)));
    /** Revisions that completed a deployment, newest last: where `rollback` goes. */
    const good: string[] = [];
    const deregistered: string[] = [];
    let uncertain = false;
    const check = async (expected: string) => {
      const p = await settle(() => serviceProblems(ctx, service, expected), 30_000);
      for (const x of p) f.add(x.startsWith('service runs') ? 'mismatch' : 'orphan', `${service}: ${x}`);
    };

    // 1. deploy creates the service.
    write(false);
    const first = await ctx.cli(['deploy', ...FAST], { cwd: dir, label: 'deploy (create)' });
    f.exit('deploy (create)', first.code, [0], outputOf(first));
    const created = shortName(first.json?.taskDefinitionArn as string | undefined);
    if (first.code !== 0 || !created) return;
    good.push(created);
    await check(created);

    const steps = rng.int(2, 4);
    const killAt = ctx.kill ? rng.int(0, steps - 1) : -1;
    for (let i = 0; i < steps; i++) {
      const kind = rng.pick(good.length >= 2 && !uncertain ? (['good', 'crash', 'rollback'] as const) : (['good', 'crash'] as const));
      if (i === killAt) {
        // kill -9 a deploy at a random point (before, during or after its writes), then re-run a good deploy: it converges.
        write(kind === 'crash');
        const killed = await ctx.cli(['deploy', ...FAST], { cwd: dir, killAfterMs: rng.int(200, 9000), label: `deploy ${kind}` });
        if (killed.killed) f.killed++;
        else f.exit(`deploy ${kind} (not killed in time)`, killed.code, kind === 'crash' ? [1] : [0], outputOf(killed));
        uncertain = true;
        write(false);
        const again = await ctx.cli(['deploy', ...FAST], { cwd: dir, label: 'deploy re-run' });
        f.exit('deploy re-run after kill -9', again.code, [0], outputOf(again));
        const arn = shortName(again.json?.taskDefinitionArn as string | undefined);
        if (again.code === 0 && arn) {
          good.push(arn);
          await check(arn);
        }
        continue;
      }
      if (kind === 'rollback') {
        const r = await ctx.cli(['rollback', ...FAST], { cwd: dir });
        f.exit('rollback', r.code, [0], outputOf(r));
        const from = good.pop()!;
        const to = good[good.length - 1]!;
        f.mismatch('rollback reported from/to', [r.json?.from, r.json?.to], [from, to]);
        if (typeof r.json?.deregistered === 'string') deregistered.push(r.json.deregistered);
        else f.add('mismatch', `rollback reported no deregistered revision: ${r.stdout}`);
        await check(to);
        continue;
      }
      write(kind === 'crash');
      const r = await ctx.cli(['deploy', ...FAST], { cwd: dir, label: `deploy ${kind}` });
      if (kind === 'good') {
        f.exit('deploy good', r.code, [0], outputOf(r));
        const arn = shortName(r.json?.taskDefinitionArn as string | undefined);
        if (r.code === 0 && arn) {
          good.push(arn);
          await check(arn);
        }
      } else {
        // The circuit breaker rolls the service back to the revision it ran: deploy exits 1 and says so.
        f.exit('deploy crashing image', r.code, [1], outputOf(r));
        await check(good[good.length - 1]!);
      }
    }

    const del = await ctx.cli(['delete', '--force', '--output', 'json'], { cwd: dir });
    f.exit('delete', del.code, [0], outputOf(del));
    f.orphans(await settle(() => leftovers(ctx, service, family, deregistered), 40_000), service);
  },
};
