// Runs a parsed Logs Insights query over stored events (pure): records with their system and JSON fields, in, rows out.
import type { Aggregate, Command, Expr, Value } from './insights-query.js';

export interface InsightsRecord {
  readonly timestamp: number;
  readonly message: string;
  readonly ingestionTime: number;
  readonly logStream: string;
  /** `<account>:<group name>`, as @log shows it. */
  readonly log: string;
  readonly ptr: string;
}

export type ResultRow = ReadonlyArray<{ readonly field: string; readonly value: string }>;

export interface RunOutput {
  readonly rows: readonly ResultRow[];
  readonly recordsMatched: number;
}

type Fields = Map<string, Value>;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** Insights prints timestamps as `2026-12-06 15:04:05.123` (UTC). */
export const formatTimestamp = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
};

/** JSON events' fields are discovered and flattened (`a.b`, `list.0`), as Insights does for JSON logs. */
function flatten(prefix: string, value: unknown, out: Fields): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(prefix ? `${prefix}.${k}` : k, v, out);
  } else out.set(prefix, typeof value === 'number' ? value : String(value));
}

function fieldsOf(r: InsightsRecord): Fields {
  const f: Fields = new Map<string, Value>([
    ['@timestamp', r.timestamp],
    ['@message', r.message],
    ['@ingestionTime', r.ingestionTime],
    ['@logStream', r.logStream],
    ['@log', r.log],
    ['@ptr', r.ptr],
  ]);
  const text = r.message.trim();
  if (text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      const extra: Fields = new Map();
      flatten('', parsed, extra);
      for (const [k, v] of extra) if (!f.has(k)) f.set(k, v);
    } catch {
      // not JSON: only the system fields
    }
  }
  return f;
}

const shown = (field: string, v: Value): string =>
  field === '@timestamp' || field === '@ingestionTime' ? formatTimestamp(Number(v)) : String(v);

/** Every field of one record as GetLogRecord returns them (@ptr aside). */
export function recordFields(r: InsightsRecord): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, v] of fieldsOf(r)) if (field !== '@ptr') out[field] = shown(field, v);
  return out;
}

const numeric = (v: Value | undefined): number | undefined => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
};

function evaluate(e: Expr, row: Fields): Value | boolean | RegExp | undefined {
  switch (e.kind) {
    case 'field':
      return row.get(e.name);
    case 'literal':
      return e.value;
    case 'regex':
      return e.regex;
    case 'and':
      return truthy(evaluate(e.left, row)) && truthy(evaluate(e.right, row));
    case 'or':
      return truthy(evaluate(e.left, row)) || truthy(evaluate(e.right, row));
    case 'not':
      return !truthy(evaluate(e.inner, row));
    case 'like': {
      const left = evaluate(e.left, row);
      if (left === undefined || typeof left === 'boolean' || left instanceof RegExp) return false;
      const p = evaluate(e.pattern, row);
      const text = String(left);
      const hit = p instanceof RegExp ? p.test(text) : p !== undefined && typeof p !== 'boolean' && text.includes(String(p));
      return e.negate ? !hit : hit;
    }
    case 'compare': {
      const l = evaluate(e.left, row);
      const r = evaluate(e.right, row);
      if (
        l === undefined ||
        r === undefined ||
        typeof l === 'boolean' ||
        typeof r === 'boolean' ||
        l instanceof RegExp ||
        r instanceof RegExp
      )
        return false;
      const ln = numeric(l);
      const rn = numeric(r);
      const [a, b]: [Value, Value] =
        ln !== undefined && rn !== undefined && (typeof l === 'number' || typeof r === 'number') ? [ln, rn] : [String(l), String(r)];
      switch (e.op) {
        case '=':
          return a === b;
        case '!=':
          return a !== b;
        case '<':
          return a < b;
        case '<=':
          return a <= b;
        case '>':
          return a > b;
        default:
          return a >= b;
      }
    }
  }
}

const truthy = (v: Value | boolean | RegExp | undefined): boolean => v !== undefined && v !== false && v !== '' && v !== 0;

function aggregate(a: Aggregate, rows: readonly Fields[]): number | undefined {
  if (a.fn === 'count') return a.field === undefined ? rows.length : rows.filter((r) => r.has(a.field!)).length;
  const values = rows.map((r) => numeric(r.get(a.field!))).filter((v): v is number => v !== undefined);
  if (values.length === 0) return undefined;
  switch (a.fn) {
    case 'sum':
      return values.reduce((x, y) => x + y, 0);
    case 'avg':
      return values.reduce((x, y) => x + y, 0) / values.length;
    case 'min':
      return Math.min(...values);
    default:
      return Math.max(...values);
  }
}

/** Ascending order as Insights documents it: every non-number value before every number value. */
function compareValues(a: Value, b: Value): number {
  const an = numeric(a);
  const bn = numeric(b);
  if (an !== undefined && bn !== undefined) return an - bn;
  if (an !== undefined || bn !== undefined) return an === undefined ? -1 : 1;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

const SHOWN_BY_DEFAULT = ['@timestamp', '@message', '@logStream', '@log'];

/** Runs the commands in order; records come in, newest first. `limit` is StartQuery's (default 10,000). */
export function runQuery(commands: readonly Command[], records: readonly InsightsRecord[], limit = 10_000): RunOutput {
  let rows: Fields[] = [...records].sort((a, b) => b.timestamp - a.timestamp).map(fieldsOf);
  let display: string[] | undefined;
  let aliases = new Map<string, string>();
  let statsDone = false;
  let recordsMatched = rows.length;
  for (const c of commands) {
    switch (c.kind) {
      case 'fields':
        display = [...(display ?? []), ...c.fields.map((f) => f.alias ?? f.name)];
        for (const f of c.fields) if (f.alias) aliases.set(f.alias, f.name);
        if (aliases.size > 0)
          rows = rows.map((r) => {
            const copy = new Map(r);
            for (const [alias, source] of aliases) {
              const v = r.get(source);
              if (v !== undefined) copy.set(alias, v);
            }
            return copy;
          });
        aliases = new Map();
        break;
      case 'filter':
        rows = rows.filter((r) => truthy(evaluate(c.expr, r)));
        if (!statsDone) recordsMatched = rows.length;
        break;
      case 'sort':
        rows = [...rows].sort((x, y) => {
          for (const k of c.keys) {
            const a = x.get(k.field);
            const b = y.get(k.field);
            // Rows without the field come last in either direction.
            if (a === undefined || b === undefined) {
              if (a !== b) return a === undefined ? 1 : -1;
              continue;
            }
            const d = compareValues(a, b);
            if (d !== 0) return k.desc ? -d : d;
          }
          return 0;
        });
        break;
      case 'limit':
        rows = rows.slice(0, c.n);
        break;
      case 'stats': {
        const groups = new Map<string, Fields[]>();
        for (const r of rows) {
          const key = JSON.stringify(c.by.map((b) => r.get(b) ?? null));
          const list = groups.get(key) ?? [];
          list.push(r);
          groups.set(key, list);
        }
        rows = [...groups.values()].map((members) => {
          const out: Fields = new Map();
          for (const b of c.by) {
            const v = members[0]!.get(b);
            if (v !== undefined) out.set(b, v);
          }
          for (const a of c.aggregates) {
            const v = aggregate(a, members);
            if (v !== undefined) out.set(a.alias, v);
          }
          return out;
        });
        display = [...c.by, ...c.aggregates.map((a) => a.alias)];
        statsDone = true;
        break;
      }
    }
  }
  const columns = [...(display ?? SHOWN_BY_DEFAULT), ...(statsDone ? [] : ['@ptr'])];
  const result = rows
    .slice(0, limit)
    .map((r) =>
      columns.filter((f, i, all) => all.indexOf(f) === i && r.has(f)).map((field) => ({ field, value: shown(field, r.get(field)!) })),
    );
  return { rows: result, recordsMatched };
}
