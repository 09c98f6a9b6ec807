// Records rendered in the output shapes of the ELBv2 API (LoadBalancer, TargetGroup, Listener, Rule).
import type { Elbv2State, ListenerRecord, LoadBalancerRecord, RuleRecord, TargetGroupRecord } from './elbv2-state.js';
import { actionsOf } from './elbv2-state.js';

/** Route 53 hosted zone ids of Application Load Balancers per region (AWS General Reference, ELB endpoints). */
const ALB_ZONES: Readonly<Record<string, string>> = {
  'us-east-1': 'Z35SXDOTRQ7X7K',
  'us-east-2': 'Z3AADJGX6KTTL2',
  'us-west-1': 'Z368ELLRRE2KJ0',
  'us-west-2': 'Z1H1FL5HABSF5',
  'af-south-1': 'Z268VQBMOI5EKX',
  'ap-east-1': 'Z3DQVH9N71FHZ0',
  'ap-northeast-1': 'Z14GRHDCWA56QT',
  'ap-northeast-2': 'ZWKZPGTI48KDX',
  'ap-south-1': 'ZP97RAFLXTNZK',
  'ap-southeast-1': 'Z1LMS91P8CMLE5',
  'ap-southeast-2': 'Z1GM3OXH4ZPM65',
  'ca-central-1': 'ZQSVJUPU6J1EY',
  'eu-central-1': 'Z215JYRZR1TBD5',
  'eu-west-1': 'Z32O12XQLNTSW2',
  'eu-west-2': 'ZHURV8PSTC4K8',
  'eu-west-3': 'Z3Q77PNBQS71R4',
  'eu-north-1': 'Z23TAZ7KFGKHOA',
  'sa-east-1': 'Z2P70J7HTTTPLU',
};

export const canonicalHostedZoneId = (region: string) => ALB_ZONES[region] ?? 'Z35SXDOTRQ7X7K';

const ZONE_LETTERS = 'abcdef';

export function loadBalancerOutput(lb: LoadBalancerRecord, region: string) {
  return {
    LoadBalancerArn: lb.arn,
    DNSName: lb.dnsName,
    CanonicalHostedZoneId: canonicalHostedZoneId(region),
    CreatedTime: new Date(lb.createdTime),
    LoadBalancerName: lb.name,
    Scheme: lb.scheme,
    VpcId: lb.vpcId,
    State: { Code: lb.state },
    Type: 'application',
    // Each subnet's zone as EC2 has it (load balancers restored from older state: a zone each, in order).
    AvailabilityZones: lb.subnets.map((SubnetId, i) => ({
      ZoneName: lb.zones?.[i] ?? `${region}${ZONE_LETTERS[i % ZONE_LETTERS.length]}`,
      SubnetId,
      LoadBalancerAddresses: [],
    })),
    SecurityGroups: [...lb.securityGroups],
    IpAddressType: lb.ipAddressType,
  };
}

export function targetGroupOutput(tg: TargetGroupRecord, loadBalancerArns: readonly string[]) {
  const hc = tg.healthCheck;
  return {
    TargetGroupArn: tg.arn,
    TargetGroupName: tg.name,
    ...(tg.protocol !== undefined ? { Protocol: tg.protocol } : {}),
    ...(tg.port !== undefined ? { Port: tg.port } : {}),
    ...(tg.vpcId !== undefined ? { VpcId: tg.vpcId } : {}),
    HealthCheckProtocol: hc.protocol,
    HealthCheckPort: hc.port,
    HealthCheckEnabled: hc.enabled,
    HealthCheckIntervalSeconds: hc.intervalSeconds,
    HealthCheckTimeoutSeconds: hc.timeoutSeconds,
    HealthyThresholdCount: hc.healthyThreshold,
    UnhealthyThresholdCount: hc.unhealthyThreshold,
    HealthCheckPath: hc.path,
    Matcher: hc.matcher,
    LoadBalancerArns: [...loadBalancerArns],
    TargetType: tg.targetType,
    ...(tg.protocolVersion !== undefined ? { ProtocolVersion: tg.protocolVersion } : {}),
    ...(tg.ipAddressType !== undefined ? { IpAddressType: tg.ipAddressType } : {}),
  };
}

export function listenerOutput(l: ListenerRecord) {
  return {
    ListenerArn: l.arn,
    LoadBalancerArn: l.loadBalancerArn,
    Port: l.port,
    Protocol: l.protocol,
    ...(l.certificates ? { Certificates: l.certificates } : {}),
    ...(l.sslPolicy ? { SslPolicy: l.sslPolicy } : {}),
    DefaultActions: l.defaultActions,
    ...(l.alpnPolicy ? { AlpnPolicy: l.alpnPolicy } : {}),
  };
}

export function ruleOutput(state: Elbv2State, r: RuleRecord) {
  return {
    RuleArn: r.arn,
    Priority: r.priority === undefined ? 'default' : String(r.priority),
    Conditions: r.conditions,
    Actions: actionsOf(state, r),
    IsDefault: r.priority === undefined,
  };
}
