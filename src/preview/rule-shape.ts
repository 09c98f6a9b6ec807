// What a listener rule routes: its host names and target groups, read from either spelling ELBv2 accepts.
import type { Rule } from '@aws-sdk/client-elastic-load-balancing-v2';

export function ruleHosts(rule: Rule): string[] {
  return (rule.Conditions ?? [])
    .filter((c) => c.Field === 'host-header')
    .flatMap((c) => c.HostHeaderConfig?.Values ?? c.Values ?? [])
    .map((h) => h.toLowerCase());
}

export function ruleTargetGroups(rule: Rule): string[] {
  return (rule.Actions ?? [])
    .filter((a) => a.Type === 'forward')
    .flatMap((a) =>
      a.ForwardConfig?.TargetGroups?.length ? a.ForwardConfig.TargetGroups.map((t) => t.TargetGroupArn ?? '') : [a.TargetGroupArn ?? ''],
    )
    .filter((arn) => arn !== '');
}

export const rulePriority = (rule: Rule): number | undefined =>
  rule.IsDefault || rule.Priority === 'default' ? undefined : Number(rule.Priority);
