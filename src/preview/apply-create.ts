// Carries out a create plan: each step is one AWS call (the rule retries on PriorityInUse), fed by what earlier steps made.
import { isAwsError } from './aws-codes.js';
import { msg } from '../core/io-host.js';
import { serviceInput, taskDefinitionInput, type Overrides } from './copy-reference.js';
import type { CreateStep } from './create-plan.js';
import type { PreviewNames } from './naming.js';
import type { PreviewDeps } from './preview-deps.js';
import { type Ownership, ownershipTags } from './preview-tags.js';
import type { Reference } from './read-reference.js';
import { copiedAttributes, recordChanges, ruleInput, targetGroupInput } from './routing-inputs.js';
import { freePriority, priorityStart } from './rule-priority.js';
import { rulePriority } from './rule-shape.js';
import { runSteps } from './run-steps.js';
import { untilVisible } from '../aws/eventual-consistency.js';
import type { LoadBalancerInfo, SharedReads, ZoneInfo } from './shared-reads.js';
import { listenerFull } from './validate-create.js';
import { waitFor } from './wait-for.js';

export interface CreateInputs {
  readonly names: PreviewNames;
  readonly reference: Reference;
  readonly overrides: Overrides;
  readonly owner: Ownership;
  readonly lb: LoadBalancerInfo;
  readonly zone: ZoneInfo;
  readonly reads: SharedReads;
  readonly serviceArn?: string;
  readonly targetGroupArn?: string;
  readonly firstPriority?: number;
}

/** What the steps made, for the steps after them and for the result. */
export interface Made {
  taskDefinitionArn?: string;
  targetGroupArn?: string;
  ruleArn?: string;
  priority?: number;
  serviceArn?: string;
}

const PRIORITY_ATTEMPTS = 12;

async function createRule(deps: PreviewDeps, x: CreateInputs, made: Made, signal: AbortSignal): Promise<void> {
  const range = deps.config.priorityRange;
  const start = priorityStart(x.names.env, range);
  let taken = new Set((await x.reads.rules()).map(rulePriority).filter((p): p is number => p !== undefined));
  let priority = x.firstPriority ?? freePriority(taken, range, start);
  const refused = new Set<number>();
  for (let attempt = 1; attempt <= PRIORITY_ATTEMPTS; attempt++) {
    if (priority === undefined) throw listenerFull(`every priority in ${range.join('..')} is taken`);
    try {
      const out = await deps.aws.elb.createRule(
        ruleInput(deps.config.listenerArn, x.names.host, made.targetGroupArn!, priority, ownershipTags(x.owner)),
        signal,
      );
      made.ruleArn = out.Rules?.[0]?.RuleArn ?? '';
      made.priority = priority;
      return;
    } catch (e) {
      if (isAwsError(e, 'TooManyRules')) throw listenerFull('AWS answered TooManyRules: the load balancer has 100 rules');
      if (!isAwsError(e, 'PriorityInUse') || attempt === PRIORITY_ATTEMPTS) throw e;
      // Another create took it between our read and our call: read the rules again and take the next free one. The rule
      // that took it may not be listed yet (eventual consistency): a priority AWS refused counts as taken either way.
      refused.add(priority);
      deps.io.notify(
        msg('debug', 'ENV_PRIORITY_RETRY', `${x.names.env}: priority ${priority} was taken meanwhile; reading the rules again`, {
          priority,
          attempt,
        }),
      );
      taken = new Set([...refused, ...(await x.reads.freshRules()).map(rulePriority).filter((p): p is number => p !== undefined)]);
      priority = freePriority(taken, range, start);
    }
  }
}

async function createService(deps: PreviewDeps, x: CreateInputs, made: Made, signal: AbortSignal): Promise<void> {
  const input = serviceInput(x.reference.service, {
    cluster: deps.config.cluster,
    name: x.names.service,
    taskDefinitionArn: made.taskDefinitionArn!,
    targetGroupArn: made.targetGroupArn!,
    container: x.reference.lbContainer,
    port: x.reference.lbPort,
    desiredCount: deps.config.desiredCount,
    tags: ownershipTags(x.owner),
  });
  try {
    made.serviceArn = (await deps.aws.ecs.createService(input, signal)).service?.serviceArn ?? '';
  } catch (e) {
    // A concurrent create of the same env made it first: take its service over with our revision.
    if (!isAwsError(e, 'InvalidParameterException') || !/idempotent/i.test((e as Error).message)) throw e;
    made.serviceArn =
      (
        await deps.aws.ecs.updateService(
          { cluster: deps.config.cluster, service: x.names.service, taskDefinition: made.taskDefinitionArn! },
          signal,
        )
      ).service?.serviceArn ?? '';
  }
}

export async function applyCreate(deps: PreviewDeps, x: CreateInputs, steps: readonly CreateStep[], signal: AbortSignal): Promise<Made> {
  const { aws, config } = deps;
  const tags = ownershipTags(x.owner);
  const made: Made = {
    ...(x.targetGroupArn ? { targetGroupArn: x.targetGroupArn } : {}),
    ...(x.serviceArn ? { serviceArn: x.serviceArn } : {}),
  };
  const run = async (step: CreateStep, s: AbortSignal): Promise<void> => {
    switch (step.kind) {
      case 'register-task-definition': {
        const out = await aws.ecs.registerTaskDefinition(
          taskDefinitionInput(x.reference.taskDefinition, x.names.family, x.reference.container, x.overrides, tags),
          s,
        );
        made.taskDefinitionArn = out.taskDefinition?.taskDefinitionArn ?? '';
        return;
      }
      case 'create-target-group':
        made.targetGroupArn =
          (await aws.elb.createTargetGroup(targetGroupInput(x.reference.targetGroup, x.names.targetGroup, tags), s)).TargetGroups?.[0]
            ?.TargetGroupArn ?? '';
        return;
      case 'copy-target-group-attributes': {
        const attributes = copiedAttributes(x.reference.targetGroupAttributes);
        if (attributes.length)
          await aws.elb.modifyTargetGroupAttributes({ TargetGroupArn: made.targetGroupArn!, Attributes: attributes }, s);
        return;
      }
      case 'create-rule':
        return createRule(deps, x, made, s);
      case 'upsert-records':
        await aws.route53.changeResourceRecordSets(
          {
            HostedZoneId: x.zone.id,
            ChangeBatch: { Comment: `cortado env create ${x.names.env}`, Changes: recordChanges(x.names.host, x.lb, x.owner) },
          },
          s,
        );
        return;
      case 'await-service-gone':
        await waitFor(
          deps.clock,
          { what: `the previous ${x.names.service} service to finish draining`, timeoutMs: 10 * 60_000, everyMs: 250, maxEveryMs: 5000 },
          async () => {
            const svc = (await aws.ecs.describeServices({ cluster: config.cluster, services: [x.names.service] }, s)).services?.[0];
            return !svc || svc.status === 'INACTIVE' ? true : undefined;
          },
          s,
        );
        return;
      case 'create-service':
        return createService(deps, x, made, s);
      case 'update-service':
        made.serviceArn =
          (await aws.ecs.updateService({ cluster: config.cluster, service: x.names.service, taskDefinition: made.taskDefinitionArn! }, s))
            .service?.serviceArn ?? '';
        return;
    }
  };
  await runSteps(
    steps,
    async (step, s) => {
      // A step uses what earlier steps made (a revision, a target group) that AWS may not show yet: it is tried again.
      await untilVisible(true, deps.clock, s, () => run(step, s));
      deps.io.notify(msg('debug', 'ENV_CREATE_STEP', `${x.names.env}: ${step.kind} done`, { step: step.kind }));
    },
    signal,
  );
  return made;
}
