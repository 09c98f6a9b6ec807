// Health check configurations (pure): the defaults Route 53 fills in, the rules per type, and what UpdateHealthCheck changes.
import { invalidInput } from './route53-errors.js';

export type HealthCheckConfig = Readonly<Record<string, unknown>>;

const ENDPOINT_TYPES = ['HTTP', 'HTTPS', 'HTTP_STR_MATCH', 'HTTPS_STR_MATCH', 'TCP'];
const isEndpoint = (type: unknown): boolean => ENDPOINT_TYPES.includes(String(type));

/** Where Route 53's checkers probe from when a health check names no Regions [API HealthCheckConfig.Regions]. */
export const CHECKER_REGIONS: readonly string[] = [
  'us-east-1',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'sa-east-1',
];

/** The rules of each type [API HealthCheckConfig]; InvalidInput wording is ours (AWS's is unconfirmed). */
function checkConfig(c: HealthCheckConfig): void {
  const type = String(c.Type);
  if (isEndpoint(type) && c.IPAddress === undefined && c.FullyQualifiedDomainName === undefined)
    throw invalidInput(`Invalid parameter: a health check of type ${type} needs IPAddress or FullyQualifiedDomainName.`);
  if (type === 'TCP' && c.Port === undefined) throw invalidInput('Invalid parameter: a health check of type TCP needs Port.');
  if (type.endsWith('_STR_MATCH') && c.SearchString === undefined)
    throw invalidInput(`Invalid parameter: a health check of type ${type} needs SearchString.`);
  if (!isEndpoint(type) && c.Port !== undefined)
    throw invalidInput(`Invalid parameter: Port can't be specified for a health check of type ${type}.`);
  if (type === 'CALCULATED' && c.ChildHealthChecks === undefined)
    throw invalidInput('Invalid parameter: a health check of type CALCULATED needs ChildHealthChecks.');
  if (type === 'CLOUDWATCH_METRIC' && c.AlarmIdentifier === undefined)
    throw invalidInput('Invalid parameter: a health check of type CLOUDWATCH_METRIC needs AlarmIdentifier.');
  if (type === 'RECOVERY_CONTROL' && c.RoutingControlArn === undefined)
    throw invalidInput('Invalid parameter: a health check of type RECOVERY_CONTROL needs RoutingControlArn.');
}

/** The configuration as GetHealthCheck shows it: Port 80/443, RequestInterval 30, FailureThreshold 3 and flags false. */
export function withDefaults(raw: HealthCheckConfig): HealthCheckConfig {
  checkConfig(raw);
  const type = String(raw.Type);
  const https = type.startsWith('HTTPS');
  return {
    ...raw,
    ...(isEndpoint(type)
      ? {
          ...(type !== 'TCP' ? { Port: raw.Port ?? (https ? 443 : 80) } : {}),
          RequestInterval: raw.RequestInterval ?? 30,
          FailureThreshold: raw.FailureThreshold ?? 3,
          MeasureLatency: raw.MeasureLatency ?? false,
          ...(type !== 'TCP' ? { EnableSNI: raw.EnableSNI ?? https } : {}),
        }
      : {}),
    Inverted: raw.Inverted ?? false,
    Disabled: raw.Disabled ?? false,
  };
}

const UPDATABLE = [
  'IPAddress',
  'Port',
  'ResourcePath',
  'FullyQualifiedDomainName',
  'SearchString',
  'FailureThreshold',
  'Inverted',
  'Disabled',
  'HealthThreshold',
  'ChildHealthChecks',
  'EnableSNI',
  'Regions',
  'AlarmIdentifier',
  'InsufficientDataHealthStatus',
] as const;

/** UpdateHealthCheck [API]: the type stays; IPAddress can change but not be added or removed; ResetElements clear fields. */
export function updatedConfig(current: HealthCheckConfig, input: Readonly<Record<string, unknown>>): HealthCheckConfig {
  if (input.IPAddress !== undefined && current.IPAddress === undefined)
    throw invalidInput("Invalid parameter: you can't add an IPAddress to a health check that was created without one.");
  const next: Record<string, unknown> = { ...current };
  for (const k of UPDATABLE) if (input[k] !== undefined) next[k] = input[k];
  for (const k of (input.ResetElements as string[] | undefined) ?? []) delete next[k];
  return withDefaults(next);
}

/** A stable rendering for comparing two configurations (CreateHealthCheck idempotency). */
export const sameConfig = (a: HealthCheckConfig, b: HealthCheckConfig): boolean => {
  const canonical = (v: unknown): string =>
    JSON.stringify(v, (_k, x: unknown) =>
      x && typeof x === 'object' && !Array.isArray(x)
        ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([p], [q]) => (p < q ? -1 : 1)))
        : x,
    );
  return canonical(a) === canonical(b);
};

/** One checker observation per region: a fixed success (the sandbox probes nothing), shaped like Route 53's reports. */
export function observations(c: HealthCheckConfig, now: Date): Array<Record<string, unknown>> {
  const regions = (c.Regions as string[] | undefined) ?? CHECKER_REGIONS;
  const type = String(c.Type);
  const status =
    type === 'TCP'
      ? 'Success: TCP connection established'
      : type === 'CLOUDWATCH_METRIC'
        ? 'Success: the CloudWatch alarm is in the OK state'
        : 'Success: HTTP Status Code 200, OK';
  return regions.map((Region, i) => ({
    Region,
    IPAddress: `15.177.${(CHECKER_REGIONS.indexOf(Region) + 1) * 8}.${10 + i}`,
    StatusReport: { Status: status, CheckedTime: now },
  }));
}
