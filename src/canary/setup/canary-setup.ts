// `canary setup` as a library call: read and check (bad input throws before any write), plan, then create what is missing.
import { msg, type IoHost } from '../../core/io-host.js';
import { readSetup } from './read-setup.js';
import type { SetupAws } from './setup-aws.js';
import { planSetup, type SetupChange } from './setup-plan.js';
import type { SetupRequest } from './setup-request.js';

export interface SetupResult {
  readonly dryRun: boolean;
  readonly changes: readonly { readonly kind: SetupChange['kind']; readonly text: string }[];
  readonly kept: readonly string[];
  /** The canary target group (undefined only on a dry run that would create it). */
  readonly canaryTargetGroupArn?: string;
  readonly canaryService: string;
  readonly route: { readonly kind: 'rule' | 'listener'; readonly arn: string };
  /** The canary: keys the config should hold for this setup. */
  readonly section: Readonly<Record<string, string>>;
}

export async function canarySetup(
  aws: SetupAws,
  req: SetupRequest,
  io: IoHost,
  signal: AbortSignal,
  opts: { readonly dryRun?: boolean } = {},
): Promise<SetupResult> {
  const facts = await readSetup(aws, req, signal);
  const plan = planSetup(req, facts);
  const dryRun = opts.dryRun ?? false;
  let canaryTg = plan.canaryTgArn;
  for (const c of plan.changes) {
    if (dryRun) {
      io.notify(msg('debug', 'CANARY_SETUP_CHANGE', `would ${c.text}`, { kind: c.kind, dryRun }));
      continue;
    }
    if (c.kind === 'create-target-group') {
      canaryTg = (await aws.elb.createTargetGroup(c.input, signal)).TargetGroups![0]!.TargetGroupArn!;
      if (c.attributes.length)
        await aws.elb.modifyTargetGroupAttributes({ TargetGroupArn: canaryTg, Attributes: [...c.attributes] }, signal);
    } else if (c.kind === 'create-service') {
      await aws.ecs.createService(c.input(canaryTg!), signal);
    } else if (c.route.kind === 'rule') {
      await aws.elb.modifyRule({ RuleArn: c.route.arn, Actions: c.actions(canaryTg!) }, signal);
    } else {
      await aws.elb.modifyListener({ ListenerArn: c.route.arn, DefaultActions: c.actions(canaryTg!) }, signal);
    }
    io.notify(msg('info', 'CANARY_SETUP_CHANGE', c.text, { kind: c.kind, dryRun }));
  }
  const section: Record<string, string> = {
    service: req.canaryService,
    [facts.route.kind === 'rule' ? 'listener_rule' : 'listener']: facts.route.arn,
  };
  return {
    dryRun,
    changes: plan.changes.map((c) => ({ kind: c.kind, text: c.text })),
    kept: plan.kept,
    ...(canaryTg ? { canaryTargetGroupArn: canaryTg } : {}),
    canaryService: req.canaryService,
    route: { kind: facts.route.kind, arn: facts.route.arn },
    section,
  };
}
