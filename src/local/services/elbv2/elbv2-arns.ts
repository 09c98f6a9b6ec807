// ELBv2 ARNs, DNS names and CloudWatch dimension values in AWS's formats.
import { createHash } from 'node:crypto';
import { arn } from '../../ids.js';
import { validation } from './elbv2-errors.js';

export type ArnKind = 'loadbalancer' | 'targetgroup' | 'listener' | 'listener-rule';

export interface ArnScope {
  readonly region: string;
  readonly accountId: string;
}

const elb = (s: ArnScope, resource: string) => arn('elasticloadbalancing', s.region, s.accountId, resource);

export const loadBalancerArn = (s: ArnScope, name: string, id: string) => elb(s, `loadbalancer/app/${name}/${id}`);
export const targetGroupArn = (s: ArnScope, name: string, id: string) => elb(s, `targetgroup/${name}/${id}`);
export const listenerArn = (s: ArnScope, lbName: string, lbId: string, id: string) => elb(s, `listener/app/${lbName}/${lbId}/${id}`);
export const ruleArn = (s: ArnScope, lbName: string, lbId: string, listenerId: string, id: string) =>
  elb(s, `listener-rule/app/${lbName}/${lbId}/${listenerId}/${id}`);

/** `<name>-<digits>.<region>.elb.amazonaws.com`, with `internal-` in front for internal load balancers. */
export const dnsName = (region: string, name: string, digits: string, scheme: string) =>
  `${scheme === 'internal' ? 'internal-' : ''}${name}-${digits}.${region}.elb.amazonaws.com`;

/** The ARN's resource part after `loadbalancer/` or `targetgroup/`: the CloudWatch dimension value. */
export function dimensionOf(resourceArn: string): string {
  const m = /:(?:loadbalancer|targetgroup)\/(.+)$/.exec(resourceArn);
  return resourceArn.includes(':targetgroup/') ? `targetgroup/${m?.[1] ?? ''}` : (m?.[1] ?? '');
}

const PATTERNS: Readonly<Record<ArnKind, RegExp>> = {
  loadbalancer: /^arn:aws[\w-]*:elasticloadbalancing:[\w-]+:\d{12}:loadbalancer\/app\/[\w-]+\/[0-9a-f]+$/,
  targetgroup: /^arn:aws[\w-]*:elasticloadbalancing:[\w-]+:\d{12}:targetgroup\/[\w-]+\/[0-9a-f]+$/,
  listener: /^arn:aws[\w-]*:elasticloadbalancing:[\w-]+:\d{12}:listener\/app\/[\w-]+\/[0-9a-f]+\/[0-9a-f]+$/,
  'listener-rule': /^arn:aws[\w-]*:elasticloadbalancing:[\w-]+:\d{12}:listener-rule\/app\/[\w-]+\/[0-9a-f]+\/[0-9a-f]+\/[0-9a-f]+$/,
};

const LABELS: Readonly<Record<ArnKind, string>> = {
  loadbalancer: 'load balancer',
  targetgroup: 'target group',
  listener: 'listener',
  'listener-rule': 'listener rule',
};

/** Throws AWS's ValidationError for an ARN that is not of the expected kind. */
export function checkArn(kind: ArnKind, value: string): string {
  if (!PATTERNS[kind].test(value)) throw validation(`'${value}' is not a valid ${LABELS[kind]} ARN`);
  return value;
}

export function arnKind(value: string): ArnKind | undefined {
  for (const kind of Object.keys(PATTERNS) as ArnKind[]) if (PATTERNS[kind].test(value)) return kind;
  return undefined;
}

/** The default VPC's id and its default security group per account and region, as EC2 derives them (stable across restarts). */
export const stableDefaultId = (prefix: 'vpc' | 'sg', s: ArnScope): string =>
  `${prefix}-${createHash('sha256').update(`${prefix}/${s.accountId}/${s.region}`).digest('hex').slice(0, 17)}`;
