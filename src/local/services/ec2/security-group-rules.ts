// Security group rules: IpPermissions in (legacy flat form too) → one rule per peer; back to IpPermissions for Describe.
import { AwsError } from '../../aws-error.js';
import { newId } from './default-network.js';
import type { Ec2Context } from './ec2-context.js';
import { invalidValue } from './ec2-errors.js';
import type { GroupRecord, RuleRecord } from './ec2-state.js';
import { isCidrV4 } from './ipv4-cidr.js';

interface PermissionInput {
  readonly IpProtocol?: string;
  readonly FromPort?: number;
  readonly ToPort?: number;
  readonly IpRanges?: ReadonlyArray<{ readonly CidrIp?: string; readonly Description?: string }>;
  readonly Ipv6Ranges?: ReadonlyArray<{ readonly CidrIpv6?: string; readonly Description?: string }>;
  readonly UserIdGroupPairs?: ReadonlyArray<{ readonly GroupId?: string; readonly GroupName?: string; readonly Description?: string }>;
  readonly PrefixListIds?: readonly unknown[];
}

const PROTOCOL_NUMBERS: Readonly<Record<string, string>> = { '6': 'tcp', '17': 'udp', '1': 'icmp', all: '-1' };

function protocolOf(raw: string | undefined): string {
  const p = (raw ?? '').toLowerCase();
  const named = PROTOCOL_NUMBERS[p] ?? p;
  if (!['tcp', 'udp', 'icmp', 'icmpv6', '-1'].includes(named) && !/^\d{1,3}$/.test(named))
    throw invalidValue(`Invalid value '${raw ?? ''}' for IP protocol. Unknown protocol.`);
  return named;
}

/** The permissions a call names: IpPermissions, or the flat CidrIp/IpProtocol/FromPort/ToPort form. */
function permissionsOf(input: Record<string, unknown>): PermissionInput[] {
  const list = (Array.isArray(input.IpPermissions) ? input.IpPermissions : []) as PermissionInput[];
  if (list.length > 0) return list;
  if (input.IpProtocol === undefined && input.CidrIp === undefined && input.SourceSecurityGroupName === undefined) return [];
  return [
    {
      IpProtocol: (input.IpProtocol as string | undefined) ?? '-1',
      ...(input.FromPort !== undefined ? { FromPort: input.FromPort as number } : {}),
      ...(input.ToPort !== undefined ? { ToPort: input.ToPort as number } : {}),
      ...(input.CidrIp !== undefined ? { IpRanges: [{ CidrIp: input.CidrIp as string }] } : {}),
      ...(input.SourceSecurityGroupName !== undefined
        ? { UserIdGroupPairs: [{ GroupName: input.SourceSecurityGroupName as string }] }
        : {}),
    },
  ];
}

/** The rules the permissions describe (not yet stored); `resolveGroup` resolves UserIdGroupPairs' GroupName. */
export function rulesOf(
  group: GroupRecord,
  isEgress: boolean,
  input: Record<string, unknown>,
  resolveGroup: (ref: { GroupId?: string; GroupName?: string }) => GroupRecord,
): RuleRecord[] {
  const permissions = permissionsOf(input);
  if (permissions.length === 0) throw new AwsError('MissingParameter', 'No IP permissions specified');
  const rules: RuleRecord[] = [];
  for (const p of permissions) {
    const ipProtocol = protocolOf(p.IpProtocol);
    const ports = ipProtocol === '-1' ? {} : { fromPort: p.FromPort ?? -1, toPort: p.ToPort ?? -1 };
    if (ipProtocol === 'tcp' || ipProtocol === 'udp') {
      const from = p.FromPort;
      const to = p.ToPort;
      if (from === undefined || to === undefined || from < 0 || to > 65535 || from > to)
        throw invalidValue(`Invalid value for portRange. Must specify both from and to ports with TCP/UDP.`);
    }
    const base = { groupId: group.id, isEgress, ipProtocol, ...ports };
    for (const r of p.IpRanges ?? []) {
      const cidr = r.CidrIp ?? '';
      if (!isCidrV4(cidr)) throw invalidValue(`CIDR block ${cidr} is malformed`);
      rules.push({ id: newId('sgr'), ...base, cidrIpv4: cidr, ...(r.Description ? { description: r.Description } : {}) });
    }
    for (const r of p.Ipv6Ranges ?? [])
      rules.push({ id: newId('sgr'), ...base, cidrIpv6: r.CidrIpv6 ?? '', ...(r.Description ? { description: r.Description } : {}) });
    for (const pair of p.UserIdGroupPairs ?? []) {
      const peer = resolveGroup(pair);
      rules.push({ id: newId('sgr'), ...base, referencedGroupId: peer.id, ...(pair.Description ? { description: pair.Description } : {}) });
    }
    if ((p.PrefixListIds ?? []).length > 0) throw new AwsError('InvalidParameterValue', 'cortado local does not emulate prefix lists');
  }
  if (rules.length === 0) throw new AwsError('MissingParameter', 'No IP permissions specified');
  return rules;
}

/** Two rules allow the same traffic from the same peer. */
export const sameRule = (a: RuleRecord, b: RuleRecord): boolean =>
  a.isEgress === b.isEgress &&
  a.ipProtocol === b.ipProtocol &&
  a.fromPort === b.fromPort &&
  a.toPort === b.toPort &&
  a.cidrIpv4 === b.cidrIpv4 &&
  a.cidrIpv6 === b.cidrIpv6 &&
  a.referencedGroupId === b.referencedGroupId;

/** `peer: 0.0.0.0/0, TCP, from port: 80, to port: 80, ALLOW`, as InvalidPermission.Duplicate names the rule. */
export function describeRule(r: RuleRecord): string {
  const peer = r.cidrIpv4 ?? r.cidrIpv6 ?? r.referencedGroupId ?? '';
  const proto = r.ipProtocol === '-1' ? 'ALL' : r.ipProtocol.toUpperCase();
  const ports = r.ipProtocol === '-1' ? '' : `, from port: ${r.fromPort ?? -1}, to port: ${r.toPort ?? -1}`;
  return `peer: ${peer}, ${proto}${ports}, ALLOW`;
}

/** Rules grouped back into IpPermissions (one per protocol and port range), as DescribeSecurityGroups shows them. */
export function permissionsView(ctx: Ec2Context, rules: readonly RuleRecord[]) {
  const byKey = new Map<string, RuleRecord[]>();
  for (const r of rules) {
    const key = `${r.ipProtocol}/${r.fromPort ?? ''}/${r.toPort ?? ''}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  return [...byKey.values()].map((group) => {
    const first = group[0]!;
    return {
      IpProtocol: first.ipProtocol,
      ...(first.fromPort !== undefined ? { FromPort: first.fromPort, ToPort: first.toPort } : {}),
      IpRanges: group.filter((r) => r.cidrIpv4).map((r) => ({ CidrIp: r.cidrIpv4, Description: r.description })),
      Ipv6Ranges: group.filter((r) => r.cidrIpv6).map((r) => ({ CidrIpv6: r.cidrIpv6, Description: r.description })),
      PrefixListIds: [],
      UserIdGroupPairs: group
        .filter((r) => r.referencedGroupId)
        .map((r) => ({ GroupId: r.referencedGroupId, UserId: ctx.accountId, Description: r.description })),
    };
  });
}

export const ruleArn = (ctx: Ec2Context, id: string) => `arn:aws:ec2:${ctx.region}:${ctx.accountId}:security-group-rule/${id}`;

export function ruleView(ctx: Ec2Context, r: RuleRecord) {
  return {
    SecurityGroupRuleId: r.id,
    SecurityGroupRuleArn: ruleArn(ctx, r.id),
    GroupId: r.groupId,
    GroupOwnerId: ctx.accountId,
    IsEgress: r.isEgress,
    IpProtocol: r.ipProtocol,
    FromPort: r.fromPort ?? -1,
    ToPort: r.toPort ?? -1,
    ...(r.cidrIpv4 ? { CidrIpv4: r.cidrIpv4 } : {}),
    ...(r.cidrIpv6 ? { CidrIpv6: r.cidrIpv6 } : {}),
    ...(r.referencedGroupId ? { ReferencedGroupInfo: { GroupId: r.referencedGroupId, UserId: ctx.accountId } } : {}),
    ...(r.description ? { Description: r.description } : {}),
    Tags: [],
  };
}
