// Reads of the shared pieces every preview hangs on (listener, load balancer, its rules, the hosted zone), each made once and shared.
import type { Rule } from '@aws-sdk/client-elastic-load-balancing-v2';
import { isAwsError } from './aws-codes.js';
import { UsageError } from '../core/errors.js';
import type { PreviewConfig } from './preview-config.js';
import type { PreviewAws } from './preview-aws.js';

export interface ListenerInfo {
  readonly arn: string;
  readonly protocol: string;
  readonly port: number;
  readonly loadBalancerArn: string;
  /** The load balancer's other listeners: their rules count against the same 100-rule quota. */
  readonly siblingArns: readonly string[];
}

export interface LoadBalancerInfo {
  readonly arn: string;
  readonly dnsName: string;
  readonly canonicalHostedZoneId: string;
  readonly ipAddressType: string;
}

export interface ZoneInfo {
  readonly id: string;
  /** With its trailing dot, as Route 53 writes it. */
  readonly name: string;
}

export interface SharedReads {
  listener(): Promise<ListenerInfo>;
  loadBalancer(): Promise<LoadBalancerInfo>;
  /** The shared listener's rules as first read; `freshRules()` reads them again. */
  rules(): Promise<readonly Rule[]>;
  freshRules(): Promise<readonly Rule[]>;
  /** Non-default rules on every listener of the load balancer (ALB quota: 100). */
  ruleCount(): Promise<number>;
  zone(): Promise<ZoneInfo>;
}

/** `...:listener/app/<name>/<lb-id>/<listener-id>` → `...:loadbalancer/app/<name>/<lb-id>`. */
export const loadBalancerArnOf = (listenerArn: string): string =>
  listenerArn.replace(':listener/', ':loadbalancer/').replace(/\/[^/]+$/, '');

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= make());
}

async function allRules(aws: PreviewAws, listenerArn: string, signal: AbortSignal): Promise<Rule[]> {
  const rules: Rule[] = [];
  let marker: string | undefined;
  do {
    const out = await aws.elb.describeRules({ ListenerArn: listenerArn, PageSize: 400, ...(marker ? { Marker: marker } : {}) }, signal);
    rules.push(...(out.Rules ?? []));
    marker = out.NextMarker;
  } while (marker);
  return rules;
}

/** Zone names the domain could live in, longest first: preview.example.com., example.com. */
const zoneCandidates = (domain: string): string[] => {
  const labels = domain.split('.');
  return labels.slice(0, -1).map((_, i) => `${labels.slice(i).join('.')}.`);
};

async function findZone(aws: PreviewAws, config: PreviewConfig, signal: AbortSignal): Promise<ZoneInfo> {
  const missing = (detail: string) =>
    new UsageError(
      'NO_HOSTED_ZONE',
      `no Route 53 hosted zone for ${config.domain}: ${detail}`,
      'create the zone, or set preview.hosted_zone_id to the zone that holds the preview domain',
    );
  if (config.hostedZoneId) {
    try {
      const out = await aws.route53.getHostedZone({ Id: config.hostedZoneId }, signal);
      const name = out.HostedZone?.Name ?? '';
      if (!`${config.domain}.`.endsWith(name))
        throw missing(`zone ${config.hostedZoneId} is ${name}, which does not hold ${config.domain}`);
      return { id: config.hostedZoneId, name };
    } catch (e) {
      if (isAwsError(e, 'NoSuchHostedZone', 'InvalidInput')) throw missing(`zone ${config.hostedZoneId} does not exist`);
      throw e;
    }
  }
  const found = await Promise.all(
    zoneCandidates(config.domain).map(async (name) => {
      const out = await aws.route53.listHostedZonesByName({ DNSName: name, MaxItems: 1 }, signal);
      const zone = out.HostedZones?.[0];
      return zone?.Name === name && zone.Id ? { id: zone.Id.replace(/^\/hostedzone\//, ''), name } : undefined;
    }),
  );
  const zone = found.find((z) => z !== undefined);
  if (!zone) throw missing(`none of ${zoneCandidates(config.domain).join(', ')} exists`);
  return zone;
}

/** `zone` reuses an earlier lookup: a hosted zone does not move between the passes of one command. */
export function sharedReads(aws: PreviewAws, config: PreviewConfig, signal: AbortSignal, zone?: () => Promise<ZoneInfo>): SharedReads {
  const lbArn = loadBalancerArnOf(config.listenerArn);
  const notFound = (what: string) =>
    new UsageError(
      'LISTENER_NOT_FOUND',
      `the shared listener ${config.listenerArn} does not exist (${what})`,
      'check preview.listener_arn: it names the ALB listener previews are attached to',
    );
  const listeners = once(async () => {
    try {
      const out = await aws.elb.describeListeners({ LoadBalancerArn: lbArn, PageSize: 400 }, signal);
      return out.Listeners ?? [];
    } catch (e) {
      if (isAwsError(e, 'LoadBalancerNotFound')) throw notFound('its load balancer is gone');
      throw e;
    }
  });
  const listener = once(async (): Promise<ListenerInfo> => {
    const all = await listeners();
    const l = all.find((x) => x.ListenerArn === config.listenerArn);
    if (!l) throw notFound('its load balancer has no such listener');
    return {
      arn: config.listenerArn,
      protocol: l.Protocol ?? 'HTTP',
      port: l.Port ?? 80,
      loadBalancerArn: lbArn,
      siblingArns: all.map((x) => x.ListenerArn ?? '').filter((a) => a && a !== config.listenerArn),
    };
  });
  const firstRules = once(async () => {
    try {
      return await allRules(aws, config.listenerArn, signal);
    } catch (e) {
      if (isAwsError(e, 'ListenerNotFound')) throw notFound('DescribeRules: ListenerNotFound');
      throw e;
    }
  });
  return {
    listener,
    loadBalancer: once(async () => {
      try {
        const lb = (await aws.elb.describeLoadBalancers({ LoadBalancerArns: [lbArn] }, signal)).LoadBalancers?.[0];
        if (!lb) throw notFound('no load balancer');
        return {
          arn: lbArn,
          dnsName: lb.DNSName ?? '',
          canonicalHostedZoneId: lb.CanonicalHostedZoneId ?? '',
          ipAddressType: lb.IpAddressType ?? 'ipv4',
        };
      } catch (e) {
        if (isAwsError(e, 'LoadBalancerNotFound')) throw notFound('its load balancer is gone');
        throw e;
      }
    }),
    rules: firstRules,
    freshRules: () => allRules(aws, config.listenerArn, signal),
    ruleCount: once(async () => {
      const [own, info] = await Promise.all([firstRules(), listener()]);
      const others = await Promise.all(info.siblingArns.map((arn) => allRules(aws, arn, signal)));
      return [own, ...others].flat().filter((r) => !r.IsDefault).length;
    }),
    zone: zone ?? once(() => findZone(aws, config, signal)),
  };
}
