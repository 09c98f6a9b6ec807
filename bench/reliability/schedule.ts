// Schedule runs: apply a random set of jobs into a group of the run's own, apply again (nothing changes), change the set and
// apply --prune, delete one job; with kills, an apply is SIGKILLed at a random point and run again. Each end state is read
// from EventBridge Scheduler: the group's schedules are exactly the file's jobs, with their expressions.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateClusterCommand, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { DeleteScheduleGroupCommand, GetScheduleCommand, ListSchedulesCommand } from '@aws-sdk/client-scheduler';
import { settle } from './aws.js';
import { type CliResult, outputOf } from './cli.js';
import type { Rng } from './rng.js';
import type { RunContext, Scenario } from './scenario.js';

const CLUSTER = 'rel-batch';
const EXPRESSIONS = ['rate(5 minutes)', 'rate(1 hour)', 'cron(0 3 * * ? *)', 'cron(15 10 ? * MON-FRI *)', 'rate(2 days)'];

type Jobs = Record<string, string>;

function randomJobs(rng: Rng): Jobs {
  const jobs: Jobs = {};
  for (const name of ['report', 'cleanup', 'sync', 'backup', 'mail']) if (rng.chance(0.5)) jobs[name] = rng.pick(EXPRESSIONS);
  if (Object.keys(jobs).length === 0) jobs.report = rng.pick(EXPRESSIONS);
  return jobs;
}

function writeJobs(dir: string, group: string, jobs: Jobs): void {
  const lines = Object.entries(jobs).map(
    ([name, expr]) =>
      `    ${name}:\n      schedule: ${expr}\n      task_definition: jobs\n      network_configuration: { awsvpcConfiguration: { subnets: [subnet-1] } }\n`,
  );
  writeFileSync(
    join(dir, 'cortado.yml'),
    `region: us-east-1\ncluster: ${CLUSTER}\nschedules:\n  group: ${group}\n  jobs:\n${lines.join('')}`,
  );
}

async function scheduleProblems(ctx: RunContext, group: string, jobs: Jobs): Promise<string[]> {
  const listed = (await ctx.aws.scheduler.send(new ListSchedulesCommand({ GroupName: group, MaxResults: 100 }))).Schedules ?? [];
  const problems: string[] = [];
  const names = listed.map((s) => s.Name!).sort();
  const want = Object.keys(jobs).sort();
  if (JSON.stringify(names) !== JSON.stringify(want))
    problems.push(`orphan: group ${group} has [${names.join(', ')}], the file [${want.join(', ')}]`);
  for (const name of want.filter((n) => names.includes(n))) {
    const s = await ctx.aws.scheduler.send(new GetScheduleCommand({ GroupName: group, Name: name }));
    if (s.ScheduleExpression !== jobs[name]) problems.push(`mismatch: ${name} is ${s.ScheduleExpression}, the file says ${jobs[name]}`);
  }
  return problems;
}

/** What apply reported it changed, as job names, against what changed in AWS. */
const reportedSchedules = (r: CliResult): string[] =>
  ((r.json?.changes as { resource: string; name: string; kind: string }[] | undefined) ?? [])
    .filter((c) => c.resource === 'schedule')
    .map((c) => `${c.kind} ${c.name}`)
    .sort();

export const scheduleScenario: Scenario = {
  capability: 'schedule',
  async prepare(_target, aws) {
    await aws.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
    await aws.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'jobs',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        // A batch job: it runs and exits 0 (a server here would pile up one process per firing for the whole campaign).
        containerDefinitions: [
          { name: 'job', image: 'cortado/demo-app:v1', essential: true, environment: [{ name: 'EXIT_CODE', value: '0' }] },
        ],
      }),
    );
  },
  async run(ctx) {
    const { rng, f } = ctx;
    const group = `rel-${ctx.name}`;
    const dir = mkdtempSync(join(tmpdir(), 'cortado-reliability-schedule-'));
    const check = async (jobs: Jobs, what: string) => {
      for (const p of await settle(() => scheduleProblems(ctx, group, jobs), 15_000))
        f.add(p.startsWith('mismatch') ? 'mismatch' : 'orphan', `${group} after ${what}: ${p}`);
    };
    const apply = (label: string, extra: string[] = [], killAfterMs?: number) =>
      ctx.cli(['schedule', 'apply', ...extra, '--output', 'json'], {
        cwd: dir,
        label,
        ...(killAfterMs !== undefined ? { killAfterMs } : {}),
      });

    let jobs = randomJobs(rng);
    writeJobs(dir, group, jobs);
    if (ctx.kill) {
      const killed = await apply('schedule apply', [], rng.int(100, 4000));
      if (killed.killed) f.killed++;
      else f.exit('schedule apply (finished before the kill)', killed.code, [0], outputOf(killed));
      await new Promise((r) => setTimeout(r, 300));
    }
    const first = await apply(ctx.kill ? 'schedule apply re-run' : 'schedule apply');
    f.exit('schedule apply', first.code, [0], outputOf(first));
    if (!ctx.kill)
      f.mismatch(
        'apply reported',
        reportedSchedules(first),
        Object.keys(jobs)
          .map((n) => `create ${n}`)
          .sort(),
      );
    await check(jobs, 'apply');
    const again = await apply('schedule apply (again)');
    f.exit('second schedule apply', again.code, [0], outputOf(again));
    if (again.json?.changed !== false) f.add('mismatch', `a second apply reported changes: ${again.stdout.slice(0, 400)}`);

    const before = jobs;
    jobs = randomJobs(rng);
    writeJobs(dir, group, jobs);
    const pruned = await apply('schedule apply --prune', ['--prune']);
    f.exit('schedule apply --prune', pruned.code, [0], outputOf(pruned));
    const expected = [
      ...Object.keys(jobs)
        .filter((n) => !(n in before))
        .map((n) => `create ${n}`),
      ...Object.keys(jobs)
        .filter((n) => n in before && before[n] !== jobs[n])
        .map((n) => `update ${n}`),
      ...Object.keys(before)
        .filter((n) => !(n in jobs))
        .map((n) => `delete ${n}`),
    ].sort();
    f.mismatch('apply --prune reported', reportedSchedules(pruned), expected);
    await check(jobs, 'apply --prune');

    const victim = rng.pick(Object.keys(jobs));
    const del = await ctx.cli(['schedule', 'delete', victim, '--force', '--output', 'json'], {
      cwd: dir,
      label: `schedule delete ${victim}`,
    });
    f.exit('schedule delete', del.code, [0], outputOf(del));
    const rest = { ...jobs };
    delete rest[victim];
    await check(rest, 'delete');
    // The jobs left would fire for the rest of the campaign (rate(5 minutes) is every 10 s at its speed): the group goes.
    await ctx.aws.scheduler.send(new DeleteScheduleGroupCommand({ Name: group }));
  },
};
