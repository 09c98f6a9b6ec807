// The `preview:` section of cortado.yml (also accepted as `env:`): which service to clone, onto which listener and domain.
import { UsageError } from '../core/errors.js';
import { type Raw, type ReadOptions, sectionReader, type SectionReader } from '../config/section-reader.js';
import { appNameProblem, asciiSlug, domainProblem } from './naming.js';
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

const KNOWN = [
  'app',
  'reference',
  'cluster',
  'listener_arn',
  'domain',
  'hosted_zone_id',
  'container',
  'desired_count',
  'priority_range',
  'environment',
  'publish',
  'gc',
];
const LISTENER_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/app\/[^/]+\/[0-9a-f]+\/[0-9a-f]+$/;
const DEFAULT_GC_MS = 24 * 3_600_000;

const HINT = 'see docs/preview.md for the preview: section';

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An optional string field of `raw` (at `path`). */
function optStr(r: SectionReader, raw: Raw, path: string, key: string): string | undefined {
  const v = raw[key];
  return v === undefined || v === null ? undefined : r.str(`${path}.${key}`, v);
}

function referenceOf(r: SectionReader, at: string, raw: Raw, top: Raw): ServiceRef {
  const ref = raw.reference;
  let cluster = typeof top.cluster === 'string' ? top.cluster : undefined;
  let service = typeof top.service === 'string' ? top.service : undefined;
  if (typeof ref === 'string') {
    const m = /^([^/\s]+)\/([^/\s]+)$/.exec(ref);
    if (!m) throw r.fail(`${at}.reference`, 'CLUSTER/SERVICE or {cluster, service}', ref);
    [cluster, service] = [m[1], m[2]];
  } else if (isObject(ref)) {
    r.keys(`${at}.reference`, ref, ['cluster', 'service']);
    cluster = optStr(r, ref, `${at}.reference`, 'cluster') ?? cluster;
    service = optStr(r, ref, `${at}.reference`, 'service') ?? service;
  } else if (ref !== undefined) throw r.fail(`${at}.reference`, 'CLUSTER/SERVICE or {cluster, service}', ref);
  if (!service) {
    throw new UsageError(
      'BAD_CONFIG',
      `${r.file ? `${r.file}: ` : ''}no reference service: set ${at}.reference (or the top-level service)`,
      {
        ...(r.file ? { file: r.file } : {}),
        field: `${at}.reference`,
        hint: 'the reference is the ECS service every preview copies',
      },
    );
  }
  return { cluster: cluster ?? 'default', service };
}

function rangeOf(r: SectionReader, at: string, v: unknown): PriorityRange {
  if (v === undefined) return ALB_PRIORITIES;
  const ok =
    Array.isArray(v) &&
    v.length === 2 &&
    v.every((n) => Number.isInteger(n)) &&
    ALB_PRIORITIES[0] <= (v[0] as number) &&
    (v[0] as number) <= (v[1] as number) &&
    (v[1] as number) <= ALB_PRIORITIES[1];
  if (!ok) throw r.fail(`${at}.priority_range`, '[LOW, HIGH] with 1 <= LOW <= HIGH <= 50000', v);
  return [v[0] as number, v[1] as number];
}

function environmentOf(r: SectionReader, at: string, v: unknown): Readonly<Record<string, string>> {
  if (v === undefined) return {};
  if (!isObject(v)) throw r.fail(`${at}.environment`, 'a map of NAME: value', v);
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw r.fail(`${at}.environment.${k}`, 'a variable name', k);
    if (typeof val !== 'string' && typeof val !== 'number' && typeof val !== 'boolean')
      throw r.fail(`${at}.environment.${k}`, 'a string', val);
    out[k] = String(val);
  }
  return out;
}

/**
 * Reads the section from a parsed cortado.yml (`top`); `file` names it in errors and warnings, `opts` carries --strict and where
 * warnings go (they are also returned). Pure: no AWS call, no I/O.
 */
export function readPreviewConfig(top: Raw, file: string, opts: Omit<ReadOptions, 'file'> = {}): ConfigRead {
  const at = top.preview !== undefined ? 'preview' : 'env';
  const section = top.preview ?? top.env;
  if (!isObject(section))
    throw new UsageError('BAD_CONFIG', `${file}: no preview: section`, {
      file,
      field: 'preview',
      hint: 'add a preview: section (see docs/preview.md)',
    });
  const r = sectionReader({ ...opts, file, code: 'BAD_CONFIG', hint: HINT });
  r.keys(at, section, KNOWN);
  const reference = referenceOf(r, at, section, top);
  const app = optStr(r, section, at, 'app') ?? (asciiSlug(reference.service).slice(0, 20).replace(/-+$/, '') || 'app');
  const appProblem = appNameProblem(app);
  if (appProblem) throw r.fail(`${at}.app`, appProblem.replace(/^expected /, ''), app);
  const listenerArn = optStr(r, section, at, 'listener_arn');
  if (!listenerArn || !LISTENER_ARN.test(listenerArn))
    throw r.fail(`${at}.listener_arn`, 'an application load balancer listener ARN', listenerArn);
  const domain = optStr(r, section, at, 'domain')?.toLowerCase().replace(/\.$/, '');
  if (!domain || domainProblem(domain)) throw r.fail(`${at}.domain`, 'a DNS name such as preview.example.com', domain);
  const hostedZoneId = optStr(r, section, at, 'hosted_zone_id')?.replace(/^\/hostedzone\//, '');
  const desiredCount =
    section.desired_count === undefined ? 1 : r.num(`${at}.desired_count`, section.desired_count, { min: 0, max: 100, integer: true });
  const gc = section.gc === undefined ? undefined : r.mapping(`${at}.gc`, section.gc);
  if (gc) r.keys(`${at}.gc`, gc, ['older_than']);
  const container = optStr(r, section, at, 'container');
  const publish = optStr(r, section, at, 'publish');
  return {
    warnings: r.warnings,
    config: {
      app,
      reference,
      cluster: optStr(r, section, at, 'cluster') ?? reference.cluster,
      listenerArn,
      domain,
      ...(hostedZoneId ? { hostedZoneId } : {}),
      ...(container ? { container } : {}),
      desiredCount,
      priorityRange: rangeOf(r, at, section.priority_range),
      environment: environmentOf(r, at, section.environment),
      ...(publish ? { publish } : {}),
      gcOlderThanMs: gc?.older_than === undefined ? DEFAULT_GC_MS : r.duration(`${at}.gc.older_than`, gc.older_than, { min: 1 }),
    },
  };
}
