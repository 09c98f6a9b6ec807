// `env setup` as a library call: checks what every preview hangs on (reference service, cluster, shared listener, its rule
// quota, hosted zone), creates what can be created (the preview cluster, the hosted zone) and reports each check.
import type { EcsApi } from '../../aws/ecs-api.js';
import { CortadoError } from '../../core/errors.js';
import { msg } from '../../core/io-host.js';
import type { PreviewDeps } from '../preview-deps.js';
import { readReference } from '../read-reference.js';
import { sharedReads } from '../shared-reads.js';

export type CheckStatus = 'ok' | 'created' | 'would-create' | 'missing';

export interface SetupCheck {
  readonly name: string;
  readonly status: CheckStatus;
  readonly detail: string;
  readonly hint?: string;
}

export interface EnvSetupResult {
  readonly dryRun: boolean;
  readonly checks: readonly SetupCheck[];
  /** Every prerequisite holds (or was created). */
  readonly ready: boolean;
}

export type EnvSetupEcs = Pick<EcsApi, 'describeClusters' | 'createCluster'>;

const ALB_RULE_QUOTA = 100;

/** A check that throws bad input (a missing piece cortado cannot create) reports it as missing. */
async function check(name: string, run: () => Promise<Omit<SetupCheck, 'name'>>): Promise<SetupCheck> {
  try {
    return { name, ...(await run()) };
  } catch (e) {
    if (e instanceof CortadoError && e.source === 'user')
      return { name, status: 'missing', detail: e.message, ...(e.hint ? { hint: e.hint } : {}) };
    throw e;
  }
}

export async function envSetup(
  deps: PreviewDeps,
  ecs: EnvSetupEcs,
  signal: AbortSignal,
  opts: { readonly dryRun?: boolean } = {},
): Promise<EnvSetupResult> {
  const { aws, config, io } = deps;
  const dryRun = opts.dryRun ?? false;
  const shared = sharedReads(aws, config, signal);
  const checks: SetupCheck[] = [];
  const add = (c: SetupCheck) => {
    checks.push(c);
    io.notify(msg(c.status === 'missing' ? 'warn' : 'info', 'ENV_SETUP_CHECK', `${c.name}: ${c.status}: ${c.detail}`, c));
  };
  add(
    await check('reference service', async () => {
      const r = await readReference(aws, config, signal);
      return {
        status: 'ok',
        detail: `${config.reference.cluster}/${config.reference.service} runs ${r.taskDefinition.family}:${r.taskDefinition.revision}, container ${r.lbContainer}:${r.lbPort} behind ${r.targetGroup.TargetGroupName}`,
      };
    }),
  );
  add(
    await check('preview cluster', async () => {
      const found = (await ecs.describeClusters({ clusters: [config.cluster] }, signal)).clusters?.find((c) => c.status === 'ACTIVE');
      if (found) return { status: 'ok', detail: `${config.cluster} is ACTIVE` };
      if (!dryRun) await ecs.createCluster({ clusterName: config.cluster }, signal);
      return { status: dryRun ? 'would-create' : 'created', detail: `cluster ${config.cluster}` };
    }),
  );
  add(
    await check('shared listener', async () => {
      const l = await shared.listener();
      return { status: 'ok', detail: `${l.protocol}:${l.port} on ${l.loadBalancerArn.split('/').slice(-2).join('/')}` };
    }),
  );
  add(
    await check('listener rule quota', async () => {
      const used = await shared.ruleCount();
      return used < ALB_RULE_QUOTA
        ? {
            status: 'ok',
            detail: `${used} of ${ALB_RULE_QUOTA} rules used on the load balancer: room for ${ALB_RULE_QUOTA - used} previews`,
          }
        : {
            status: 'missing',
            detail: `the load balancer has ${used} rules, its quota is ${ALB_RULE_QUOTA}`,
            hint: 'delete stale previews (cortado env gc) or use another load balancer',
          };
    }),
  );
  add(
    await check('hosted zone', async () => {
      try {
        const z = await shared.zone();
        return { status: 'ok', detail: `${z.name} (${z.id}) holds ${config.domain}` };
      } catch (e) {
        if (!(e instanceof CortadoError) || e.code !== 'NO_HOSTED_ZONE' || config.hostedZoneId) throw e;
      }
      if (dryRun) return { status: 'would-create', detail: `hosted zone ${config.domain}.` };
      const out = await aws.route53.createHostedZone(
        { Name: config.domain, CallerReference: `cortado-env-setup-${config.domain}` },
        signal,
      );
      const ns = out.DelegationSet?.NameServers ?? [];
      return {
        status: 'created',
        detail: `hosted zone ${config.domain}. (${out.HostedZone?.Id?.replace(/^\/hostedzone\//, '')})`,
        ...(ns.length ? { hint: `delegate ${config.domain} to ${ns.join(', ')} in its parent zone` } : {}),
      };
    }),
  );
  return { dryRun, checks, ready: checks.every((c) => c.status !== 'missing') };
}
