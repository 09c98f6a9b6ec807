// Pure: the GetMetricData queries behind the built-in checks, and the dimension values ALB metrics carry.
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';

/** CloudWatch dimension values are ARN suffixes: `app/<name>/<id>` and `targetgroup/<name>/<id>`. */
export function lbDimension(loadBalancerArn: string): string {
  const i = loadBalancerArn.indexOf(':loadbalancer/');
  return i < 0 ? loadBalancerArn : loadBalancerArn.slice(i + ':loadbalancer/'.length);
}

export function tgDimension(targetGroupArn: string): string {
  const i = targetGroupArn.lastIndexOf(':');
  return i < 0 ? targetGroupArn : targetGroupArn.slice(i + 1);
}

const stat = (id: string, metric: string, lb: string, tg: string, s: string, period: number): MetricDataQuery => ({
  Id: id,
  MetricStat: {
    Metric: {
      Namespace: 'AWS/ApplicationELB',
      MetricName: metric,
      Dimensions: [
        { Name: 'TargetGroup', Value: tgDimension(tg) },
        { Name: 'LoadBalancer', Value: lbDimension(lb) },
      ],
    },
    Period: period,
    Stat: s,
  },
  ReturnData: true,
});

/** Requests and errors of one target group: target 5xx plus connection errors (the 502s a crashing task causes). */
export function errorRateQueries(lb: string, tg: string, period: number, prefix = ''): MetricDataQuery[] {
  return [
    stat(`${prefix}requests`, 'RequestCount', lb, tg, 'Sum', period),
    stat(`${prefix}target5xx`, 'HTTPCode_Target_5XX_Count', lb, tg, 'Sum', period),
    stat(`${prefix}connerr`, 'TargetConnectionErrorCount', lb, tg, 'Sum', period),
  ];
}

export const latencyQuery = (lb: string, tg: string, percentile: number, period: number): MetricDataQuery =>
  stat('latency', 'TargetResponseTime', lb, tg, `p${Number(percentile.toFixed(2))}`, period);

const VALID_SHORT = [1, 5, 10, 20, 30];

/** The smallest CloudWatch period (1, 5, 10, 20, 30 or n × 60 s) that covers `seconds`, and at least `minPeriod`. */
export function coveringPeriod(seconds: number, minPeriod: number): number {
  const want = Math.max(seconds, minPeriod);
  const short = VALID_SHORT.find((p) => p >= want);
  if (short !== undefined && minPeriod < 60) return short;
  return Math.ceil(want / 60) * 60;
}

/** Replaces `${canary_target_group}`, `${stable_target_group}` and `${load_balancer}` (dimension-value forms) in a custom query. */
export function substitute(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}
