// Validates the `autoscale:` section of cortado.yml into an AutoscaleSpec, naming file and field on bad input (exit 2, no AWS call).
import type { DurationRule } from '../../config/duration.js';
import { type Raw, type ReadOptions, sectionReader, type SectionReader } from '../../config/section-reader.js';
import type { AasMode, AutoscaleSpec, ScaleInSpec, ScaleOutSpec } from '../autoscale-spec.js';
import { parseSource } from './source-config.js';

export const AUTOSCALE_HINT = 'see docs/autoscale.md for the autoscale: section';

const KEYS = [
  'service',
  'canary_service',
  'source',
  'target',
  'utilization',
  'spare_tasks',
  'min',
  'max',
  'scale_out',
  'scale_in',
  'poll',
  'lease',
  'application_auto_scaling',
] as const;

/** Durations in this section: the one grammar, where a plain number is seconds. */
const seconds = (min: number, max?: number): DurationRule => ({ bareSeconds: true, min, ...(max !== undefined ? { max } : {}) });

/** `80%`, `80` or `0.8` all mean 80 %. */
function utilization(r: SectionReader, v: unknown): number {
  if (v === undefined) return 1;
  const n = typeof v === 'string' && v.trim().endsWith('%') ? Number(v.trim().slice(0, -1)) : typeof v === 'string' ? Number(v) : v;
  const fraction = typeof n === 'number' && n > 1 ? n / 100 : n;
  if (typeof fraction !== 'number' || !Number.isFinite(fraction) || fraction < 0.05 || fraction > 1)
    throw r.fail('autoscale.utilization', 'a target utilization from 5% to 100% (e.g. 80%)', v);
  return fraction;
}

const step = (r: SectionReader, path: string, v: unknown): { maxStep?: number } =>
  v === undefined ? {} : { maxStep: r.num(path, v, { min: 1, integer: true }) };

function scaleOut(r: SectionReader, v: unknown, pollMs: number): ScaleOutSpec {
  const m = v === undefined ? {} : r.mapping('autoscale.scale_out', v);
  r.keys('autoscale.scale_out', m, ['panic_threshold', 'panic_polls', 'panic_window', 'stable_window', 'max_step', 'tolerance']);
  const stableWindowMs =
    m.stable_window === undefined ? 60_000 : r.duration('autoscale.scale_out.stable_window', m.stable_window, seconds(pollMs, 3_600_000));
  const panicWindowMs =
    m.panic_window === undefined
      ? Math.min(6_000, stableWindowMs)
      : r.duration('autoscale.scale_out.panic_window', m.panic_window, seconds(pollMs, stableWindowMs));
  return {
    panicThreshold:
      m.panic_threshold === undefined ? 2 : r.num('autoscale.scale_out.panic_threshold', m.panic_threshold, { min: 1.1, max: 100 }),
    panicPolls:
      m.panic_polls === undefined ? 1 : r.num('autoscale.scale_out.panic_polls', m.panic_polls, { min: 1, max: 60, integer: true }),
    panicWindowMs,
    stableWindowMs,
    tolerance: m.tolerance === undefined ? 0.1 : r.num('autoscale.scale_out.tolerance', m.tolerance, { min: 0, max: 0.5 }),
    ...step(r, 'autoscale.scale_out.max_step', m.max_step),
  };
}

function scaleIn(r: SectionReader, v: unknown, pollMs: number): ScaleInSpec {
  const m = v === undefined ? {} : r.mapping('autoscale.scale_in', v);
  r.keys('autoscale.scale_in', m, ['stabilization', 'max_step']);
  return {
    stabilizationMs:
      m.stabilization === undefined ? 300_000 : r.duration('autoscale.scale_in.stabilization', m.stabilization, seconds(pollMs, 3_600_000)),
    ...step(r, 'autoscale.scale_in.max_step', m.max_step),
  };
}

function aasMode(r: SectionReader, v: unknown): AasMode {
  if (v === undefined || v === 'suspend') return 'suspend';
  if (v === 'leave') return 'leave';
  throw r.fail('autoscale.application_auto_scaling', 'suspend (while the controller runs) or leave', v);
}

export interface Where {
  readonly cluster: string;
  /** The config's top-level `service:`, the default. */
  readonly service?: string;
}

/** Turns the raw `autoscale:` mapping into an AutoscaleSpec or throws a UsageError (AUTOSCALE_CONFIG) naming the file and field. */
export function parseAutoscaleConfig(v: unknown, where: Where, opts: ReadOptions = {}): AutoscaleSpec {
  const r = sectionReader({ ...opts, code: 'AUTOSCALE_CONFIG', hint: AUTOSCALE_HINT, dashes: true });
  const raw: Raw = r.mapping('autoscale', v);
  r.keys('autoscale', raw, KEYS);
  const service = raw.service === undefined ? where.service : r.str('autoscale.service', raw.service);
  if (service === undefined) throw r.fail('autoscale.service', 'the service to scale (or a top-level service:)', undefined);
  const source = parseSource(r, raw.source);
  if (raw.target === undefined) throw r.fail('autoscale.target', 'the load one task should carry (a number above 0)', undefined);
  const target = r.num('autoscale.target', raw.target, { min: 0 });
  if (target <= 0) throw r.fail('autoscale.target', 'a number above 0 (the load one task should carry)', raw.target);
  const min = raw.min === undefined ? 1 : r.num('autoscale.min', raw.min, { min: 0, max: 5000, integer: true });
  const max = raw.max === undefined ? Math.max(min, 10) : r.num('autoscale.max', raw.max, { min: 1, max: 5000, integer: true });
  if (min > max) throw r.fail('autoscale.min', `at most autoscale.max (${max})`, raw.min);
  const pollMs = raw.poll === undefined ? 1_000 : r.duration('autoscale.poll', raw.poll, seconds(100, 600_000));
  const canary = raw.canary_service === undefined ? undefined : r.str('autoscale.canary_service', raw.canary_service);
  if (canary === service) throw r.fail('autoscale.canary_service', `a service other than the scaled one (${service})`, canary);
  if (canary !== undefined && (source.kind === 'alb' || source.kind === 'ecs'))
    throw r.fail(
      'autoscale.canary_service',
      'a per-task source (nginx, prometheus, json): CloudWatch sources cannot split the load',
      canary,
    );
  const leaseMs = raw.lease === undefined ? Math.max(15_000, 5 * pollMs) : r.duration('autoscale.lease', raw.lease, seconds(1_000));
  if (leaseMs < 2 * pollMs) throw r.fail('autoscale.lease', `at least two poll intervals (${2 * pollMs} ms)`, raw.lease);
  return {
    cluster: where.cluster,
    service,
    ...(canary !== undefined ? { canaryService: canary } : {}),
    source,
    target,
    utilization: utilization(r, raw.utilization),
    spareTasks: raw.spare_tasks === undefined ? 0 : r.num('autoscale.spare_tasks', raw.spare_tasks, { min: 0, max: 1000, integer: true }),
    min,
    max,
    scaleOut: scaleOut(r, raw.scale_out, pollMs),
    scaleIn: scaleIn(r, raw.scale_in, pollMs),
    pollMs,
    leaseMs,
    applicationAutoScaling: aasMode(r, raw.application_auto_scaling),
  };
}
