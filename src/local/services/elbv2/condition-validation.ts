// Rule conditions as CreateRule/ModifyRule accept them: per-field limits, allowed characters, the per-rule quotas.
import { parseCidr } from '../../dataplane/cidr.js';
import type { RuleConditionShape } from '../../dataplane/condition-matchers.js';
import { countWildcards } from '../../dataplane/wildcard.js';
import { validation } from './elbv2-errors.js';
import type { ConditionRecord } from './elbv2-state.js';

const FIELDS = ['http-header', 'http-request-method', 'host-header', 'path-pattern', 'query-string', 'source-ip'];
const SINGLE = new Set(['host-header', 'path-pattern', 'http-request-method', 'source-ip']);
/** DG "Quotas for your Application Load Balancers": per rule. */
const MAX_VALUES = 5;
const MAX_WILDCARDS = 5;

/** The RuleCondition shape the data plane matches on, plus the legacy top-level RegexValues requests may carry. */
interface ConditionInput extends RuleConditionShape {
  readonly RegexValues?: readonly string[];
}

interface Tally {
  values: number;
  wildcards: number;
}

function checkValues(field: string, values: readonly string[], allowed: RegExp, tally: Tally, wildcards = true): void {
  if (values.length === 0) throw validation(`A '${field}' condition must have at least one value`);
  for (const v of values) {
    if (v.length === 0 || v.length > 128) throw validation(`The '${field}' condition value '${v}' must be between 1 and 128 characters`);
    if (!allowed.test(v)) throw validation(`The '${field}' condition value '${v}' contains characters that are not allowed`);
    if (wildcards) tally.wildcards += countWildcards(v);
  }
  tally.values += values.length;
}

function checkRegexes(field: string, values: readonly string[] | undefined, tally: Tally): void {
  for (const r of values ?? []) {
    try {
      new RegExp(r);
    } catch {
      throw validation(`The '${field}' condition regular expression '${r}' is not valid`);
    }
  }
  tally.values += values?.length ?? 0;
}

/** host-header and path-pattern accept the legacy top-level Values or their config, not both. */
function legacyValues(
  c: ConditionInput,
  config: { readonly Values?: readonly string[]; readonly RegexValues?: readonly string[] } | undefined,
  field: string,
): { values: readonly string[]; regex?: readonly string[] } {
  if (c.Values?.length && config) throw validation(`You cannot specify both 'Values' and a '${field}' config in the same condition`);
  return { values: config?.Values ?? c.Values ?? [], ...(config?.RegexValues ? { regex: config.RegexValues } : {}) };
}

function one(c: ConditionInput, tally: Tally): ConditionRecord {
  const field = c.Field ?? '';
  if (!FIELDS.includes(field)) throw validation(`Condition field '${field}' must be one of '[${FIELDS.join(', ')}]'`);
  if (c.Values?.length && field !== 'host-header' && field !== 'path-pattern') {
    throw validation(`The 'Values' field is not supported for '${field}' conditions; use its config instead`);
  }
  switch (field) {
    case 'host-header': {
      const { values, regex } = legacyValues(c, c.HostHeaderConfig, 'HostHeaderConfig');
      if (values.length) checkValues(field, values, /^[A-Za-z0-9.*?-]+$/, tally);
      else if (!regex?.length) checkValues(field, values, /.*/, tally);
      checkRegexes(field, regex, tally);
      return {
        Field: field,
        ...(values.length ? { Values: [...values] } : {}),
        HostHeaderConfig: { ...(values.length ? { Values: [...values] } : {}), ...(regex ? { RegexValues: [...regex] } : {}) },
      };
    }
    case 'path-pattern': {
      const { values, regex } = legacyValues(c, c.PathPatternConfig, 'PathPatternConfig');
      if (values.length) checkValues(field, values, /^[A-Za-z0-9_\-.$/~"'@:+&*?=%]+$/, tally);
      else if (!regex?.length) checkValues(field, values, /.*/, tally);
      checkRegexes(field, regex, tally);
      return {
        Field: field,
        ...(values.length ? { Values: [...values] } : {}),
        PathPatternConfig: { ...(values.length ? { Values: [...values] } : {}), ...(regex ? { RegexValues: [...regex] } : {}) },
      };
    }
    case 'http-header': {
      const cfg = c.HttpHeaderConfig;
      const name = cfg?.HttpHeaderName ?? '';
      if (!/^[A-Za-z0-9!#$%&'+.^_`|~-]{1,40}$/.test(name))
        throw validation(`The HTTP header name '${name}' must be 1 to 40 characters without wildcards`);
      if (name.toLowerCase() === 'host') throw validation("Use a 'host-header' condition to match the Host header");
      if (cfg?.Values?.length || !cfg?.RegexValues?.length) checkValues(field, cfg?.Values ?? [], /^[\x20-\x7e]+$/, tally);
      checkRegexes(field, cfg?.RegexValues, tally);
      return {
        Field: field,
        HttpHeaderConfig: {
          HttpHeaderName: name,
          ...(cfg?.Values ? { Values: [...cfg.Values] } : {}),
          ...(cfg?.RegexValues ? { RegexValues: [...cfg.RegexValues] } : {}),
        },
      };
    }
    case 'http-request-method': {
      const values = c.HttpRequestMethodConfig?.Values ?? [];
      checkValues(field, values, /^[A-Z_-]{1,40}$/, tally, false);
      return { Field: field, HttpRequestMethodConfig: { Values: [...values] } };
    }
    case 'query-string': {
      const pairs = c.QueryStringConfig?.Values ?? [];
      if (pairs.length === 0) throw validation("A 'query-string' condition must have at least one key/value pair");
      for (const p of pairs) {
        if (p.Value === undefined || p.Value === '') throw validation("Each 'query-string' key/value pair must have a value");
        checkValues(field, [p.Value], /^[\x20-\x7e]+$/, tally);
        if (p.Key !== undefined) {
          checkValues(field, [p.Key], /^[\x20-\x7e]+$/, tally);
          tally.values--;
        }
      }
      return {
        Field: field,
        QueryStringConfig: { Values: pairs.map((p) => ({ ...(p.Key !== undefined ? { Key: p.Key } : {}), Value: p.Value! })) },
      };
    }
    default: {
      const values = c.SourceIpConfig?.Values ?? [];
      if (values.length === 0) throw validation("A 'source-ip' condition must have at least one value");
      for (const v of values) {
        if (!parseCidr(v) || v === '255.255.255.255/32') throw validation(`The source IP '${v}' is not a valid CIDR block`);
      }
      tally.values += values.length;
      return { Field: field, SourceIpConfig: { Values: [...values] } };
    }
  }
}

/** Validates and normalises to the shape DescribeRules answers with (host/path conditions echo both Values and config). */
export function normaliseConditions(input: readonly unknown[]): ConditionRecord[] {
  const tally: Tally = { values: 0, wildcards: 0 };
  const seen = new Set<string>();
  const out = input.map((raw) => {
    const c = raw as ConditionInput;
    const field = c.Field ?? '';
    if (SINGLE.has(field) && seen.has(field)) throw validation(`A rule can only have one '${field}' condition`);
    seen.add(field);
    return one(c, tally);
  });
  if (tally.values > MAX_VALUES) throw validation(`A rule can only have '${MAX_VALUES}' condition values`);
  if (tally.wildcards > MAX_WILDCARDS) throw validation(`A rule can only have '${MAX_WILDCARDS}' wildcards`);
  return out;
}
