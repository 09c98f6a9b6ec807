// The preview's target group, listener rule and DNS records as AWS API inputs (pure): the reference's health check, the host, the alias.
import type { Change } from '@aws-sdk/client-route-53';
import type {
  CreateRuleCommandInput,
  CreateTargetGroupCommandInput,
  TargetGroup,
  TargetGroupAttribute,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { elbTags, ownershipTxt, type Ownership, type TagMap } from './preview-tags.js';
import type { LoadBalancerInfo } from './shared-reads.js';

const TXT_TTL = 300;

export function targetGroupInput(ref: TargetGroup, name: string, tags: TagMap): CreateTargetGroupCommandInput {
  const pick = <K extends keyof TargetGroup>(k: K) => (ref[k] !== undefined ? { [k]: ref[k] } : {});
  return {
    Name: name,
    ...pick('Protocol'),
    ...pick('ProtocolVersion'),
    ...pick('Port'),
    ...pick('VpcId'),
    ...pick('TargetType'),
    ...pick('IpAddressType'),
    ...pick('HealthCheckProtocol'),
    ...pick('HealthCheckPort'),
    ...pick('HealthCheckEnabled'),
    ...pick('HealthCheckPath'),
    ...pick('HealthCheckIntervalSeconds'),
    ...pick('HealthCheckTimeoutSeconds'),
    ...pick('HealthyThresholdCount'),
    ...pick('UnhealthyThresholdCount'),
    ...pick('Matcher'),
    Tags: elbTags(tags),
  } as CreateTargetGroupCommandInput;
}

/** Every attribute the reference's target group has, to write on the copy. */
export const copiedAttributes = (attrs: readonly TargetGroupAttribute[]): TargetGroupAttribute[] =>
  attrs.filter((a) => a.Key !== undefined && a.Value !== undefined).map((a) => ({ Key: a.Key, Value: a.Value }));

export function ruleInput(
  listenerArn: string,
  host: string,
  targetGroupArn: string,
  priority: number,
  tags: TagMap,
): CreateRuleCommandInput {
  return {
    ListenerArn: listenerArn,
    Priority: priority,
    Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: [host] } }],
    Actions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
    Tags: elbTags(tags),
  };
}

/** Alias records to the load balancer (AAAA too when it is dual-stack) and the TXT record that carries the ownership tags. */
export function recordChanges(host: string, lb: LoadBalancerInfo, owner: Ownership): Change[] {
  const alias = { HostedZoneId: lb.canonicalHostedZoneId, DNSName: lb.dnsName, EvaluateTargetHealth: false };
  const types: Array<'A' | 'AAAA'> = lb.ipAddressType.startsWith('dualstack') ? ['A', 'AAAA'] : ['A'];
  return [
    ...types.map((Type): Change => ({ Action: 'UPSERT', ResourceRecordSet: { Name: host, Type, AliasTarget: alias } })),
    { Action: 'UPSERT', ResourceRecordSet: { Name: host, Type: 'TXT', TTL: TXT_TTL, ResourceRecords: [{ Value: ownershipTxt(owner) }] } },
  ];
}

/** Whether the records found already alias the host to this load balancer. */
export function recordCurrent(found: ReadonlyArray<{ Type: string; AliasTarget?: { DNSName: string } }>, lb: LoadBalancerInfo): boolean {
  // Route 53 may store the name with a trailing dot and the `dualstack.` prefix the console adds.
  const bare = (n: string) =>
    n
      .toLowerCase()
      .replace(/\.$/, '')
      .replace(/^dualstack\./, '');
  return found.some((r) => r.Type === 'A' && r.AliasTarget !== undefined && bare(r.AliasTarget.DNSName) === bare(lb.dnsName));
}
