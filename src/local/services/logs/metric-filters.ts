// Metric filters: PutMetricFilter, DescribeMetricFilters, DeleteMetricFilter, TestMetricFilter, and the CloudWatch metrics
// that matching events publish through the MetricSink seam as they are put.
import { AwsError } from '../../aws-error.js';
import type { SandboxEnv } from '../../env.js';
import { paginate } from '../../paginate.js';
import type { Handler } from '../../service.js';
import { matchesFilter, parseFilterPattern, type FilterPattern } from './filter-pattern.js';
import { MISSING_VALUE, parseEventJson, select, selectorsOf } from './json-filter-pattern.js';
import { findGroup, invalidParameter } from './log-lookup.js';
import type { EventInput, LogStore } from './log-store.js';

export interface MetricTransformation {
  readonly metricName: string;
  readonly metricNamespace: string;
  readonly metricValue: string;
  readonly defaultValue?: number;
  readonly dimensions?: Readonly<Record<string, string>>;
  readonly unit?: string;
}

export interface MetricFilterRecord {
  readonly filterName: string;
  readonly filterPattern: string;
  readonly logGroupName: string;
  readonly metricTransformations: readonly MetricTransformation[];
  readonly creationTime: number;
  readonly applyOnTransformedLogs: boolean;
}

/** Filters by group name, then filter name. */
export type MetricFilterStore = Map<string, Map<string, MetricFilterRecord>>;

export const MAX_FILTERS_PER_GROUP = 100;
const MAX_DIMENSIONS = 3;

function parseOrThrow(source: string): FilterPattern {
  const parsed = parseFilterPattern(source);
  if (parsed.kind === 'error') throw invalidParameter(`Invalid metric filter pattern: ${parsed.message}`);
  return parsed.pattern;
}

/** `1`, `2.5` or `$.field`: the value an event gives, or undefined when it gives none (a missing or non-numeric field). */
export function metricValueOf(spec: string, doc: unknown): number | undefined {
  if (!spec.startsWith('$')) return Number(spec);
  if (doc === undefined) return undefined;
  const v = select(doc, spec);
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

function checkTransformation(t: MetricTransformation, pattern: FilterPattern): void {
  const value = t.metricValue.trim();
  if (!value.startsWith('$') && !Number.isFinite(Number(value)))
    throw invalidParameter(`Invalid metric value: ${t.metricValue}. It must be a number or a selector such as $.field.`);
  if (value.startsWith('$') && pattern.kind !== 'json')
    throw invalidParameter('A metric value selector ($.field) requires a JSON filter pattern.');
  const dims = Object.entries(t.dimensions ?? {});
  if (dims.length > MAX_DIMENSIONS) throw invalidParameter(`A metric transformation can have at most ${MAX_DIMENSIONS} dimensions.`);
  if (dims.length > 0 && t.defaultValue !== undefined)
    throw invalidParameter('Metric transformations with dimensions cannot have a default value.');
  if (dims.length > 0 && pattern.kind !== 'json') throw invalidParameter('Dimensions can only be used with JSON filter patterns.');
  for (const [, sel] of dims)
    if (!sel.startsWith('$.')) throw invalidParameter(`Invalid dimension value: ${sel}. It must be a selector such as $.field.`);
}

/** Publishes what a batch of a group's events gives its metric filters (the default value when nothing matched). */
export function publishFilterMetrics(env: SandboxEnv, filters: MetricFilterStore, groupName: string, events: readonly EventInput[]): void {
  const sink = env.seams.metrics;
  const forGroup = filters.get(groupName);
  if (!sink || !forGroup || events.length === 0) return;
  for (const f of forGroup.values()) {
    const pattern = parseOrThrow(f.filterPattern);
    const t = f.metricTransformations[0]!;
    let matched = 0;
    for (const e of events) {
      if (!matchesFilter(pattern, e.message)) continue;
      matched++;
      const doc = pattern.kind === 'json' ? parseEventJson(e.message) : undefined;
      const value = metricValueOf(t.metricValue.trim(), doc);
      if (value === undefined) continue;
      const dimensions: Array<{ name: string; value: string }> = [];
      for (const [name, sel] of Object.entries(t.dimensions ?? {})) {
        const v = select(doc, sel);
        if (v === MISSING_VALUE || v === null || typeof v === 'object') break;
        dimensions.push({ name, value: String(v) });
      }
      if (dimensions.length !== Object.keys(t.dimensions ?? {}).length) continue;
      sink.put({
        namespace: t.metricNamespace,
        name: t.metricName,
        dimensions,
        value,
        ...(t.unit ? { unit: t.unit } : {}),
        timestamp: new Date(e.timestamp),
      });
    }
    if (matched === 0 && t.defaultValue !== undefined) {
      const newest = Math.max(...events.map((e) => e.timestamp));
      sink.put({
        namespace: t.metricNamespace,
        name: t.metricName,
        dimensions: [],
        value: t.defaultValue,
        ...(t.unit ? { unit: t.unit } : {}),
        timestamp: new Date(newest),
      });
    }
  }
}

const toOutput = (f: MetricFilterRecord) => ({
  filterName: f.filterName,
  filterPattern: f.filterPattern,
  metricTransformations: f.metricTransformations,
  creationTime: f.creationTime,
  logGroupName: f.logGroupName,
  applyOnTransformedLogs: f.applyOnTransformedLogs,
});

export function metricFilterHandlers(env: SandboxEnv, store: LogStore, filters: MetricFilterStore): Record<string, Handler> {
  return {
    PutMetricFilter: (input, ctx) => {
      const group = findGroup(env, store, String(input.logGroupName));
      const filterPattern = String(input.filterPattern);
      const pattern = parseOrThrow(filterPattern);
      const metricTransformations = input.metricTransformations as MetricTransformation[];
      for (const t of metricTransformations) checkTransformation(t, pattern);
      const forGroup = filters.get(group.name) ?? new Map<string, MetricFilterRecord>();
      const name = String(input.filterName);
      if (!forGroup.has(name) && forGroup.size >= MAX_FILTERS_PER_GROUP)
        throw new AwsError('LimitExceededException', 'Resource limit exceeded.');
      forGroup.set(name, {
        filterName: name,
        filterPattern,
        logGroupName: group.name,
        metricTransformations,
        creationTime: forGroup.get(name)?.creationTime ?? ctx.now().getTime(),
        applyOnTransformedLogs: (input.applyOnTransformedLogs as boolean | undefined) ?? false,
      });
      filters.set(group.name, forGroup);
      return {};
    },
    DescribeMetricFilters: (input) => {
      const groupName = input.logGroupName as string | undefined;
      const prefix = input.filterNamePrefix as string | undefined;
      const metricName = input.metricName as string | undefined;
      const namespace = input.metricNamespace as string | undefined;
      if (prefix !== undefined && groupName === undefined)
        throw invalidParameter('logGroupName is required when filterNamePrefix is specified.');
      if ((metricName === undefined) !== (namespace === undefined))
        throw invalidParameter('metricName and metricNamespace must be specified together.');
      if (groupName !== undefined) findGroup(env, store, groupName);
      const all = [...filters.entries()]
        .filter(([g]) => groupName === undefined || g === groupName)
        .flatMap(([, m]) => [...m.values()])
        .filter(
          (f) =>
            (prefix === undefined || f.filterName.startsWith(prefix)) &&
            (metricName === undefined ||
              f.metricTransformations.some((t) => t.metricName === metricName && t.metricNamespace === namespace)),
        )
        .sort((a, b) => (a.logGroupName + '\u0000' + a.filterName < b.logGroupName + '\u0000' + b.filterName ? -1 : 1));
      const page = paginate(
        all,
        { nextToken: input.nextToken, maxResults: input.limit },
        { defaultSize: 50, maxSize: 50, badToken: () => invalidParameter('The specified nextToken is invalid.') },
        JSON.stringify([groupName ?? null, prefix ?? null, metricName ?? null, namespace ?? null]),
      );
      return { metricFilters: page.items.map(toOutput), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
    },
    DeleteMetricFilter: (input) => {
      const group = findGroup(env, store, String(input.logGroupName));
      const forGroup = filters.get(group.name);
      if (!forGroup?.delete(String(input.filterName)))
        throw new AwsError('ResourceNotFoundException', 'The specified metric filter does not exist.');
      return {};
    },
    TestMetricFilter: (input) => {
      const pattern = parseOrThrow(String(input.filterPattern));
      const messages = input.logEventMessages as string[];
      const matches = messages.flatMap((message, i) => {
        if (!matchesFilter(pattern, message)) return [];
        const extractedValues: Record<string, string> = {};
        if (pattern.kind === 'json') {
          const doc = parseEventJson(message);
          for (const sel of selectorsOf(pattern.condition)) {
            const v = select(doc, sel);
            if (v !== MISSING_VALUE) extractedValues[sel] = typeof v === 'string' ? v : JSON.stringify(v);
          }
        }
        return [{ eventNumber: i + 1, eventMessage: message, extractedValues }];
      });
      return { matches };
    },
  };
}
