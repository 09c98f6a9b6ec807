// Rule conditions as request predicates: values inside one condition are OR-ed, conditions are AND-ed (ALB listener rules).
import { cidrContains, parseCidr, type Cidr } from './cidr.js';
import type { RequestFacts } from './route-table.js';
import { wildcardRegExp } from './wildcard.js';

/** The members of AWS's RuleCondition shape. */
export interface RuleConditionShape {
  readonly Field?: string;
  readonly Values?: readonly string[];
  readonly HostHeaderConfig?: { readonly Values?: readonly string[]; readonly RegexValues?: readonly string[] };
  readonly PathPatternConfig?: { readonly Values?: readonly string[]; readonly RegexValues?: readonly string[] };
  readonly HttpHeaderConfig?: {
    readonly HttpHeaderName?: string;
    readonly Values?: readonly string[];
    readonly RegexValues?: readonly string[];
  };
  readonly HttpRequestMethodConfig?: { readonly Values?: readonly string[] };
  readonly QueryStringConfig?: { readonly Values?: ReadonlyArray<{ readonly Key?: string; readonly Value?: string }> };
  readonly SourceIpConfig?: { readonly Values?: readonly string[] };
}

type Predicate = (req: RequestFacts) => boolean;

const never: Predicate = () => false;

function anyOf(patterns: readonly RegExp[], value: string | undefined): boolean {
  if (value === undefined) return false;
  for (const re of patterns) if (re.test(value)) return true;
  return false;
}

function compilePatterns(
  values: readonly string[] | undefined,
  regexValues: readonly string[] | undefined,
  caseInsensitive: boolean,
): RegExp[] {
  const out = (values ?? []).map((v) => wildcardRegExp(v, caseInsensitive));
  for (const r of regexValues ?? []) {
    try {
      out.push(new RegExp(r, caseInsensitive ? 'i' : ''));
    } catch {
      /* validated by the control plane */
    }
  }
  return out;
}

function headerValue(req: RequestFacts, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

function queryPairs(query: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (query === '') return out;
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const decode = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    out.push(eq < 0 ? [decode(part), ''] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))]);
  }
  return out;
}

function queryPredicate(values: ReadonlyArray<{ readonly Key?: string; readonly Value?: string }>): Predicate {
  const pairs = values.map((p) => ({
    key: p.Key === undefined ? undefined : wildcardRegExp(p.Key, true),
    value: wildcardRegExp(p.Value ?? '', true),
  }));
  return (req) => {
    const actual = queryPairs(req.query);
    return pairs.some((p) => actual.some(([k, v]) => (p.key === undefined || p.key.test(k)) && p.value.test(v)));
  };
}

export function compileCondition(c: RuleConditionShape): Predicate {
  switch (c.Field) {
    case 'host-header': {
      const patterns = compilePatterns(c.HostHeaderConfig?.Values ?? c.Values, c.HostHeaderConfig?.RegexValues, true);
      return (req) => anyOf(patterns, req.host);
    }
    case 'path-pattern': {
      const patterns = compilePatterns(c.PathPatternConfig?.Values ?? c.Values, c.PathPatternConfig?.RegexValues, false);
      return (req) => anyOf(patterns, req.path);
    }
    case 'http-header': {
      const name = (c.HttpHeaderConfig?.HttpHeaderName ?? '').toLowerCase();
      const patterns = compilePatterns(c.HttpHeaderConfig?.Values, c.HttpHeaderConfig?.RegexValues, true);
      return (req) => anyOf(patterns, headerValue(req, name));
    }
    case 'http-request-method': {
      const methods = new Set(c.HttpRequestMethodConfig?.Values ?? []);
      return (req) => methods.has(req.method);
    }
    case 'query-string':
      return queryPredicate(c.QueryStringConfig?.Values ?? []);
    case 'source-ip': {
      const blocks = (c.SourceIpConfig?.Values ?? []).map(parseCidr).filter((b): b is Cidr => b !== undefined);
      return (req) => blocks.some((b) => cidrContains(b, req.sourceIp));
    }
    default:
      return never;
  }
}

/** A rule with no conditions (the default rule) matches every request. */
export function compileConditions(conditions: readonly RuleConditionShape[]): Predicate {
  const predicates = conditions.map(compileCondition);
  if (predicates.length === 0) return () => true;
  if (predicates.length === 1) return predicates[0]!;
  return (req) => predicates.every((p) => p(req));
}
