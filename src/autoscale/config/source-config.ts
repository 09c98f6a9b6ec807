// Validates `autoscale.source`: one load source of a known kind, with the keys that kind takes (unknown kind: did-you-mean).
import { suggest } from '../../config/shape/shape.js';
import { oneOf, type Raw, type SectionReader } from '../../config/section-reader.js';
import { SOURCE_KINDS, type SourceKind, type SourceSpec } from '../autoscale-spec.js';

const AT = 'autoscale.source';

const KEYS: Readonly<Record<SourceKind, readonly string[]>> = {
  nginx: ['kind', 'measure', 'port', 'path', 'timeout'],
  prometheus: ['kind', 'metric', 'labels', 'rate', 'port', 'path', 'timeout'],
  json: ['kind', 'query', 'rate', 'port', 'path', 'timeout'],
  alb: ['kind', 'metric', 'target_group', 'period'],
  ecs: ['kind', 'metric', 'period'],
};

const TG_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:[^:]+:\d{12}:targetgroup\/[^/]+\/[0-9a-f]+$/;

function kindOf(r: SectionReader, v: unknown): SourceKind {
  if (typeof v === 'string' && (SOURCE_KINDS as readonly string[]).includes(v)) return v as SourceKind;
  const near = typeof v === 'string' ? suggest(v, SOURCE_KINDS) : undefined;
  throw r.fail(`${AT}.kind`, `one of ${SOURCE_KINDS.join(', ')}${near ? ` (did you mean "${near}"?)` : ''}`, v);
}

function bool(r: SectionReader, path: string, v: unknown): boolean {
  if (v === undefined) return false;
  if (typeof v !== 'boolean') throw r.fail(path, 'true or false', v);
  return v;
}

function http(r: SectionReader, raw: Raw, defaultPath: string) {
  const path = raw.path === undefined ? defaultPath : r.str(`${AT}.path`, raw.path);
  if (!path.startsWith('/')) throw r.fail(`${AT}.path`, 'a path starting with /', raw.path);
  return {
    path,
    ...(raw.port !== undefined ? { port: r.num(`${AT}.port`, raw.port, { min: 1, max: 65535, integer: true }) } : {}),
    timeoutMs: raw.timeout === undefined ? 500 : r.duration(`${AT}.timeout`, raw.timeout, { min: 10, max: 60_000 }),
  };
}

function labels(r: SectionReader, v: unknown): Readonly<Record<string, string>> {
  if (v === undefined) return {};
  const m = r.mapping(`${AT}.labels`, v);
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(m)) {
    if (typeof val !== 'string' && typeof val !== 'number') throw r.fail(`${AT}.labels.${k}`, 'a label value (string)', val);
    out[k] = String(val);
  }
  return out;
}

function period(r: SectionReader, v: unknown, allowed: readonly number[], fallback: number): number {
  if (v === undefined) return fallback;
  const p = r.num(`${AT}.period`, v, { integer: true, min: 1 });
  if (!allowed.includes(p)) throw r.fail(`${AT}.period`, `one of ${allowed.join(', ')} (seconds)`, v);
  return p;
}

/** `source: nginx` is `source: { kind: nginx }`. */
export function parseSource(r: SectionReader, v: unknown): SourceSpec {
  if (v === undefined) throw r.fail(AT, `a load source: one of ${SOURCE_KINDS.join(', ')}, or a mapping with kind:`, v);
  const raw: Raw = typeof v === 'string' ? { kind: v } : r.mapping(AT, v);
  const kind = kindOf(r, raw.kind);
  r.keys(AT, raw, KEYS[kind]);
  switch (kind) {
    case 'nginx':
      return {
        kind,
        measure: oneOf(r, `${AT}.measure`, raw.measure, ['active', 'requests'] as const, 'active'),
        ...http(r, raw, '/nginx_status'),
      };
    case 'prometheus':
      return {
        kind,
        metric: r.str(`${AT}.metric`, raw.metric),
        labels: labels(r, raw.labels),
        rate: bool(r, `${AT}.rate`, raw.rate),
        ...http(r, raw, '/metrics'),
      };
    case 'json':
      return { kind, query: r.str(`${AT}.query`, raw.query), rate: bool(r, `${AT}.rate`, raw.rate), ...http(r, raw, '/metrics') };
    case 'alb': {
      const tg = raw.target_group === undefined ? undefined : r.str(`${AT}.target_group`, raw.target_group);
      if (tg !== undefined && !TG_ARN.test(tg)) throw r.fail(`${AT}.target_group`, 'a target group ARN', tg);
      return {
        kind,
        metric: oneOf(r, `${AT}.metric`, raw.metric, ['RequestCountPerTarget', 'ActiveConnectionCount'] as const, 'RequestCountPerTarget'),
        ...(tg !== undefined ? { targetGroupArn: tg } : {}),
        periodS: period(r, raw.period, [1, 5, 10, 20, 30, 60], 60),
      };
    }
    case 'ecs':
      return {
        kind,
        metric: oneOf(r, `${AT}.metric`, raw.metric, ['CPUUtilization', 'MemoryUtilization'] as const, 'CPUUtilization'),
        periodS: period(r, raw.period, [20, 60], 60),
      };
  }
}
