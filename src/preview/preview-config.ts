// The `preview:` section of cortado.yml (also accepted as `env:`): which service to clone, onto which listener and domain.
import { UsageError } from '../core/errors.js';
import { appNameProblem, asciiSlug, domainProblem } from './naming.js';
import { parseDuration } from './parse-duration.js';
import { ALB_PRIORITIES, type PriorityRange } from './rule-priority.js';

export interface ServiceRef {
  readonly cluster: string;
  readonly service: string;
}

export interface PreviewConfig {
  /** Prefix of every resource name and the `cortado:app` tag: previews of different apps never see each other. */
  readonly app: string;
  readonly reference: ServiceRef;
  /** Where preview services run (default: the reference's cluster). */
  readonly cluster: string;
  /** The shared ALB listener that gets one host-header rule per preview. */
  readonly listenerArn: string;
  readonly domain: string;
  /** Found from the domain (the longest zone name it ends with) when not given. */
  readonly hostedZoneId?: string;
  /** Container that gets the image and environment overrides (default: the one behind the load balancer). */
  readonly container?: string;
  readonly desiredCount: number;
  readonly priorityRange: PriorityRange;
  readonly environment: Readonly<Record<string, string>>;
  /** Default target of `env publish`: s3://bucket/key or a file path. */
  readonly publish?: string;
  /** Default of `env gc --older-than`. */
  readonly gcOlderThanMs: number;
}

export interface ConfigRead {
  readonly config: PreviewConfig;
  readonly warnings: readonly string[];
}

const KNOWN = ['app', 'reference', 'cluster', 'listener_arn', 'domain', 'hosted_zone_id', 'container', 'desired_count', 'priority_range', 'environment', 'publish', 'gc'];
const LISTENER_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/app\/[^/]+\/[0-9a-f]+\/[0-9a-f]+$/;
const DEFAULT_GC_MS = 24 * 3_600_000;

type Raw = Readonly<Record<string, unknown>>;

const bad = (file: string, field: string, expected: string, got: unknown) =>
  new UsageError('BAD_CONFIG', `${file}: preview.${field} expects ${expected}, got ${JSON.stringify(got)}`, 'see docs/preview.md for the preview: section');

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

function str(file: string, raw: Raw, field: string): string | undefined {
  const v = raw[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v.trim() === '') throw bad(file, field, 'a non-empty string', v);
  return v;
}

function referenceOf(file: string, raw: Raw, top: Raw): ServiceRef {
  const ref = raw.reference;
  const fromTop = { cluster: typeof top.cluster === 'string' ? top.cluster : undefined, service: typeof top.service === 'string' ? top.service : undefined };
  let cluster = fromTop.cluster;
  let service = fromTop.service;
  if (typeof ref === 'string') {
    const m = /^([^/\s]+)\/([^/\s]+)$/.exec(ref);
    if (!m) throw bad(file, 'reference', 'CLUSTER/SERVICE or {cluster, service}', ref);
    [cluster, service] = [m[1], m[2]];
  } else if (isObject(ref)) {
    cluster = str(file, ref, 'cluster') ?? cluster;
    service = str(file, ref, 'service') ?? service;
  } else if (ref !== undefined) throw bad(file, 'reference', 'CLUSTER/SERVICE or {cluster, service}', ref);
  if (!service) throw new UsageError('BAD_CONFIG', `${file}: no reference service: set preview.reference (or the top-level service)`, 'the reference is the ECS service every preview copies');
  return { cluster: cluster ?? 'default', service };
}

function rangeOf(file: string, v: unknown): PriorityRange {
  if (v === undefined) return ALB_PRIORITIES;
  const ok = Array.isArray(v) && v.length === 2 && v.every((n) => Number.isInteger(n)) && ALB_PRIORITIES[0] <= (v[0] as number)
    && (v[0] as number) <= (v[1] as number) && (v[1] as number) <= ALB_PRIORITIES[1];
  if (!ok) throw bad(file, 'priority_range', '[LOW, HIGH] with 1 <= LOW <= HIGH <= 50000', v);
  return [v[0] as number, v[1] as number];
}

function environmentOf(file: string, v: unknown): Readonly<Record<string, string>> {
  if (v === undefined) return {};
  if (!isObject(v)) throw bad(file, 'environment', 'a map of NAME: value', v);
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw bad(file, `environment.${k}`, 'a variable name', k);
    if (typeof val !== 'string' && typeof val !== 'number' && typeof val !== 'boolean') throw bad(file, `environment.${k}`, 'a string', val);
    out[k] = String(val);
  }
  return out;
}

/** Reads the section from a parsed cortado.yml (`top`); `file` names it in errors. Pure: no AWS call, no I/O. */
export function readPreviewConfig(top: Raw, file: string): ConfigRead {
  const section = top.preview ?? top.env;
  if (!isObject(section)) throw new UsageError('BAD_CONFIG', `${file}: no preview: section`, 'add a preview: section (see docs/preview.md)');
  const warnings = Object.keys(section).filter((k) => !KNOWN.includes(k)).map((k) => `${file}: unknown key preview.${k} (ignored)`);
  const reference = referenceOf(file, section, top);
  const app = str(file, section, 'app') ?? (asciiSlug(reference.service).slice(0, 20).replace(/-+$/, '') || 'app');
  const appProblem = appNameProblem(app);
  if (appProblem) throw bad(file, 'app', appProblem.replace(/^expected /, ''), app);
  const listenerArn = str(file, section, 'listener_arn');
  if (!listenerArn || !LISTENER_ARN.test(listenerArn)) throw bad(file, 'listener_arn', 'an application load balancer listener ARN', listenerArn);
  const domain = str(file, section, 'domain')?.toLowerCase().replace(/\.$/, '');
  if (!domain || domainProblem(domain)) throw bad(file, 'domain', 'a DNS name such as preview.example.com', domain);
  const hostedZoneId = str(file, section, 'hosted_zone_id')?.replace(/^\/hostedzone\//, '');
  const desired = section.desired_count ?? 1;
  if (!Number.isInteger(desired) || (desired as number) < 0 || (desired as number) > 100) throw bad(file, 'desired_count', 'an integer from 0 to 100', desired);
  const gc = section.gc;
  if (gc !== undefined && !isObject(gc)) throw bad(file, 'gc', '{older_than: 24h}', gc);
  const olderThan = gc?.older_than;
  if (olderThan !== undefined && typeof olderThan !== 'string') throw bad(file, 'gc.older_than', 'a duration such as 24h', olderThan);
  const container = str(file, section, 'container');
  const publish = str(file, section, 'publish');
  return {
    warnings,
    config: {
      app, reference, cluster: str(file, section, 'cluster') ?? reference.cluster, listenerArn, domain,
      ...(hostedZoneId ? { hostedZoneId } : {}),
      ...(container ? { container } : {}),
      desiredCount: desired as number,
      priorityRange: rangeOf(file, section.priority_range),
      environment: environmentOf(file, section.environment),
      ...(publish ? { publish } : {}),
      gcOlderThanMs: olderThan === undefined ? DEFAULT_GC_MS : parseDuration(olderThan, `${file}: preview.gc.older_than`),
    },
  };
}
