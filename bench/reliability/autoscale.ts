// Autoscale runs: `cortado autoscale run` on a service of demo tasks with no traffic, random bounds (the config's min/max,
// sometimes narrowed by an Application Auto Scaling target) and spare tasks, started above, inside or below them; the
// controller brings the count to what the bounds and spare tasks call for, then Ctrl-C stops it (exit 130). With kills, a
// first controller is SIGKILLed at a random point and a second one is started at once: it waits out the dead one's
// lease, takes over and converges. Checked through the AWS APIs afterwards: the service at the count the controller
// reported and the bounds call for, running = desired, no lease or suspension tag left on the service, and the scalable
// target's dynamic scaling resumed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeregisterScalableTargetCommand,
  DescribeScalableTargetsCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteServiceCommand,
  DescribeServicesCommand,
  ListTagsForResourceCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { stringify } from 'yaml';
import { AAS_TAG } from '../../src/autoscale/aas-coexistence.js';
import { LEASE_TAG } from '../../src/autoscale/controller.js';
import { countBounds } from '../../src/autoscale/decide.js';
import { settle } from './aws.js';
import { outputOf } from './cli.js';
import type { RunContext, Scenario } from './scenario.js';

const CLUSTER = 'rel-autoscale';
const FAMILY = 'rel-autoscale-app';
/** Real time, as the controller runs: polls of 300 ms, a 3 s lease, short windows so a run converges in seconds. */
const TIMING = { poll: '300ms', lease: '3s', stable_window: '2s', stabilization: '3s' };
/** How long a controller is given to converge before it is stopped anyway (the checks then say what it missed). */
const CONVERGE_MS = 90_000;

interface Plan {
  readonly initial: number;
  readonly min: number;
  readonly max: number;
  readonly spare: number;
  readonly scaleInStep?: number;
  /** An Application Auto Scaling target on the service, with these bounds. */
  readonly aas?: { readonly min: number; readonly max: number };
}

function randomPlan(ctx: RunContext): Plan {
  const { rng } = ctx;
  const min = rng.int(0, 3);
  const max = rng.int(Math.max(1, min), 5);
  const aasMin = rng.int(0, 2);
  return {
    initial: rng.int(1, 5),
    min,
    max,
    spare: rng.int(0, 5),
    ...(rng.chance(0.3) ? { scaleInStep: 1 } : {}),
    ...(rng.chance(0.5) ? { aas: { min: aasMin, max: rng.int(Math.max(aasMin, 1), 6) } } : {}),
  };
}

/** The count the controller must settle on with no load: the spare tasks, within the config's bounds narrowed by the target's. */
function expectedCount(p: Plan): number {
  const { lo, hi } = countBounds(p, p.aas);
  return Math.min(hi, Math.max(lo, p.spare));
}

const describe = (p: Plan) =>
  `from ${p.initial}, min ${p.min} max ${p.max} spare ${p.spare}${p.aas ? `, target ${p.aas.min}-${p.aas.max}` : ''}`;

interface PollLine {
  readonly role?: string;
  readonly desired?: number;
  readonly action?: { readonly to?: number };
}

const pollLines = (stdout: string): PollLine[] =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as PollLine];
      } catch {
        return [];
      }
    });

/** The controller's last poll as the acting replica. */
const lastActive = (stdout: string): PollLine | undefined =>
  pollLines(stdout)
    .filter((l) => l.role === 'active')
    .at(-1);

/** The count the controller last reported for the service: its last action's, else what its last active poll read. */
function reportedCount(stdout: string): number | undefined {
  const last = lastActive(stdout);
  return last?.action?.to ?? last?.desired;
}

const resourceIdOf = (service: string) => `service/${CLUSTER}/${service}`;
const DIMENSION = 'ecs:service:DesiredCount';

/** What is wrong with the service once the controller stopped cleanly, the count it should be at given. */
async function endProblems(ctx: RunContext, service: string, expected: number, aas: boolean): Promise<string[]> {
  const problems: string[] = [];
  const s = (await ctx.aws.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [service] }))).services?.[0];
  if (!s) return [`orphan: service ${service} is missing`];
  if (s.desiredCount !== expected) problems.push(`mismatch: desired ${s.desiredCount}, the bounds call for ${expected}`);
  if (s.runningCount !== s.desiredCount) problems.push(`orphan: running ${s.runningCount} of ${s.desiredCount}`);
  const tasks = (await ctx.aws.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: service }))).taskArns ?? [];
  if (tasks.length !== s.desiredCount) problems.push(`orphan: ${tasks.length} tasks listed for ${s.desiredCount} desired`);
  const tags = (await ctx.aws.ecs.send(new ListTagsForResourceCommand({ resourceArn: s.serviceArn }))).tags ?? [];
  for (const key of [LEASE_TAG, AAS_TAG])
    if (tags.some((t) => t.key === key)) problems.push(`orphan: tag ${key} left on the service after a clean stop`);
  if (aas) {
    const t = (
      await ctx.aws.aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', ResourceIds: [resourceIdOf(service)] }))
    ).ScalableTargets?.[0];
    if (!t) problems.push('orphan: the scalable target is gone');
    else if (t.SuspendedState?.DynamicScalingInSuspended || t.SuspendedState?.DynamicScalingOutSuspended)
      problems.push(`orphan: dynamic scaling left suspended ${JSON.stringify(t.SuspendedState)}`);
  }
  return problems;
}

export const autoscaleScenario: Scenario = {
  capability: 'autoscale',
  async prepare(_target, aws) {
    await aws.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
    await aws.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: FAMILY,
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [{ name: 'app', image: 'cortado/demo-app:v1', essential: true, portMappings: [{ containerPort: 8080 }] }],
      }),
    );
  },
  async run(ctx) {
    const { rng, f } = ctx;
    const plan = randomPlan(ctx);
    const expected = expectedCount(plan);
    const service = `as-${ctx.name}`;
    f.step(describe(plan));
    await ctx.aws.ecs.send(
      new CreateServiceCommand({
        cluster: CLUSTER,
        serviceName: service,
        taskDefinition: FAMILY,
        desiredCount: plan.initial,
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0a'], securityGroups: ['sg-0a'] } },
      }),
    );
    const resourceId = resourceIdOf(service);
    try {
      if (plan.aas)
        await ctx.aws.aas.send(
          new RegisterScalableTargetCommand({
            ServiceNamespace: 'ecs',
            ResourceId: resourceId,
            ScalableDimension: DIMENSION,
            MinCapacity: plan.aas.min,
            MaxCapacity: plan.aas.max,
          }),
        );
      const dir = mkdtempSync(join(tmpdir(), 'cortado-reliability-autoscale-'));
      writeFileSync(
        join(dir, 'cortado.yml'),
        stringify({
          region: ctx.target.region,
          cluster: CLUSTER,
          autoscale: {
            service,
            source: { kind: 'prometheus', metric: 'http_requests_in_flight', port: 8080 },
            target: 10,
            min: plan.min,
            max: plan.max,
            spare_tasks: plan.spare,
            poll: TIMING.poll,
            lease: TIMING.lease,
            scale_out: { stable_window: TIMING.stable_window },
            scale_in: { stabilization: TIMING.stabilization, ...(plan.scaleInStep ? { max_step: plan.scaleInStep } : {}) },
          },
        }),
      );
      const args = ['autoscale', 'run', '--output', 'json'];
      if (ctx.kill) {
        const killed = await ctx.cli(args, { cwd: dir, killAfterMs: rng.int(300, 8_000), label: 'autoscale run' });
        if (killed.killed) f.killed++;
        // It never ends by itself: an exit before the kill is a failure of its own.
        else f.add('exit', `autoscale run exited ${killed.code} before the kill, while it should run until stopped: ${outputOf(killed)}`);
      }
      // Stopped by Ctrl-C once its last poll found the service where the bounds want it (or at the deadline).
      const converged = (stdout: string) => {
        const last = lastActive(stdout);
        return last !== undefined && last.desired === expected && last.action === undefined;
      };
      const run = await ctx.cli(args, {
        cwd: dir,
        label: ctx.kill ? 'autoscale run (after the kill)' : 'autoscale run',
        interrupt: { when: converged, afterMs: CONVERGE_MS },
      });
      f.exit('autoscale run stopped by Ctrl-C', run.code, [130], outputOf(run));
      const reported = reportedCount(run.stdout);
      if (reported === undefined) f.add('mismatch', `autoscale run reported no active poll: ${outputOf(run)}`);
      else f.mismatch(`count reported (${describe(plan)})`, reported, expected);
      for (const p of await settle(() => endProblems(ctx, service, expected, plan.aas !== undefined), 20_000))
        // The controller's last messages say why (a hand-back that failed is a warning on stderr).
        f.add(p.startsWith('mismatch') ? 'mismatch' : 'orphan', `${service} (${describe(plan)}): ${p}\n${outputOf(run)}`);
    } finally {
      // Its tasks would run for the rest of the campaign.
      if (plan.aas)
        await ctx.aws.aas
          .send(
            new DeregisterScalableTargetCommand({
              ServiceNamespace: 'ecs',
              ResourceId: resourceId,
              ScalableDimension: DIMENSION,
            }),
          )
          .catch(() => undefined);
      await ctx.aws.ecs.send(new DeleteServiceCommand({ cluster: CLUSTER, service, force: true }));
    }
  },
};
