// Composite alarms: PutCompositeAlarm, the AlarmRule language (ALARM/OK/INSUFFICIENT_DATA, AND/OR/NOT, TRUE/FALSE),
// and the state a rule gives from its alarms' states.
import type { SandboxEnv } from '../../env.js';
import { arn } from '../../ids.js';
import type { Input } from '../../service.js';
import type { AlarmStateValue } from './alarm-evaluation.js';
import { validationError } from './cloudwatch-errors.js';
import type { TagList } from './resource-tags.js';

export type Rule =
  | { readonly kind: 'state'; readonly state: AlarmStateValue; readonly alarm: string }
  | { readonly kind: 'const'; readonly value: boolean }
  | { readonly kind: 'not'; readonly inner: Rule }
  | { readonly kind: 'and' | 'or'; readonly left: Rule; readonly right: Rule };

export interface CompositeAlarm {
  readonly AlarmName: string;
  readonly AlarmArn: string;
  AlarmRule: string;
  AlarmDescription?: string;
  ActionsEnabled: boolean;
  AlarmActions: readonly string[];
  OKActions: readonly string[];
  InsufficientDataActions: readonly string[];
  AlarmConfigurationUpdatedTimestamp: number;
  StateValue: AlarmStateValue;
  StateReason: string;
  StateUpdatedTimestamp: number;
  StateTransitionedTimestamp: number;
  tags: TagList;
}

export type CompositeStore = Map<string, CompositeAlarm>;

const STATES: Record<string, AlarmStateValue> = { ALARM: 'ALARM', OK: 'OK', INSUFFICIENT_DATA: 'INSUFFICIENT_DATA' };
const MAX_RULE = 10_240;

/** Parses an AlarmRule [API: PutCompositeAlarm AlarmRule]; throws ValidationError naming what it could not read. */
export function parseAlarmRule(text: string): Rule {
  const tokens = text.match(/"(?:[^"\\]|\\.)*"|\(|\)|[^\s()]+/g) ?? [];
  let pos = 0;
  const fail = (what: string): never => {
    throw validationError(`Error in alarm rule: expected ${what}${tokens[pos] ? ` at '${tokens[pos]}'` : ' at the end'}.`);
  };
  const primary = (): Rule => {
    const t = tokens[pos];
    if (t === undefined) return fail('an expression');
    const upper = t.toUpperCase();
    if (upper === 'NOT') {
      pos++;
      return { kind: 'not', inner: primary() };
    }
    if (upper === 'TRUE' || upper === 'FALSE') {
      pos++;
      return { kind: 'const', value: upper === 'TRUE' };
    }
    if (t === '(') {
      pos++;
      const inner = or();
      if (tokens[pos] !== ')') fail("')'");
      pos++;
      return inner;
    }
    const state = STATES[t];
    if (!state) return fail('ALARM(...), OK(...), INSUFFICIENT_DATA(...), TRUE, FALSE, NOT or (');
    pos++;
    if (tokens[pos] !== '(') fail("'('");
    pos++;
    const name = tokens[pos];
    if (name === undefined || name === ')') return fail('an alarm name or ARN');
    pos++;
    if (tokens[pos] !== ')') fail("')'");
    pos++;
    const unquoted = name.startsWith('"') ? (JSON.parse(name) as string) : name;
    return { kind: 'state', state, alarm: unquoted.replace(/^arn:[^:]+:cloudwatch:[^:]*:\d{12}:alarm:/, '') };
  };
  const and = (): Rule => {
    let left = primary();
    while (tokens[pos]?.toUpperCase() === 'AND') {
      pos++;
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  const or = (): Rule => {
    let left = and();
    while (tokens[pos]?.toUpperCase() === 'OR') {
      pos++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };
  const rule = or();
  if (pos < tokens.length) fail('AND, OR or the end');
  return rule;
}

export const ruleAlarms = (r: Rule): string[] =>
  r.kind === 'state'
    ? [r.alarm]
    : r.kind === 'const'
      ? []
      : r.kind === 'not'
        ? ruleAlarms(r.inner)
        : [...ruleAlarms(r.left), ...ruleAlarms(r.right)];

export function ruleHolds(r: Rule, stateOf: (alarm: string) => AlarmStateValue | undefined): boolean {
  switch (r.kind) {
    case 'state':
      return stateOf(r.alarm) === r.state;
    case 'const':
      return r.value;
    case 'not':
      return !ruleHolds(r.inner, stateOf);
    case 'and':
      return ruleHolds(r.left, stateOf) && ruleHolds(r.right, stateOf);
    case 'or':
      return ruleHolds(r.left, stateOf) || ruleHolds(r.right, stateOf);
  }
}

/** Checks PutCompositeAlarm's input and creates or updates the alarm (tags only on creation, as for metric alarms). */
export function putCompositeAlarm(
  env: SandboxEnv,
  store: CompositeStore,
  input: Input,
  exists: (name: string) => boolean,
  now: number,
): CompositeAlarm {
  const name = String(input.AlarmName);
  const ruleText = String(input.AlarmRule);
  if (ruleText.length > MAX_RULE) throw validationError(`The alarm rule must be at most ${MAX_RULE} characters.`);
  const rule = parseAlarmRule(ruleText);
  const missing = ruleAlarms(rule).filter((a) => !exists(a) || a === name);
  if (missing.includes(name)) throw validationError('A composite alarm cannot reference itself in its alarm rule.');
  if (missing.length > 0)
    throw validationError(
      `Could not save the composite alarm as alarms [${[...new Set(missing)].join(', ')}] in the alarm rule do not exist`,
    );
  const actions = (key: string): string[] => {
    const list = (input[key] as string[] | undefined) ?? [];
    for (const a of list) if (!/^arn:[^:]+:[^:]+:/.test(a)) throw validationError(`Invalid arn syntax: ${a}`);
    return list;
  };
  const existing = store.get(name);
  const alarm: CompositeAlarm = {
    AlarmName: name,
    AlarmArn: arn('cloudwatch', env.region, env.accountId, `alarm:${name}`),
    AlarmRule: ruleText,
    ...(input.AlarmDescription !== undefined ? { AlarmDescription: String(input.AlarmDescription) } : {}),
    ActionsEnabled: (input.ActionsEnabled as boolean | undefined) ?? true,
    AlarmActions: actions('AlarmActions'),
    OKActions: actions('OKActions'),
    InsufficientDataActions: actions('InsufficientDataActions'),
    AlarmConfigurationUpdatedTimestamp: now,
    StateValue: existing?.StateValue ?? 'INSUFFICIENT_DATA',
    StateReason: existing?.StateReason ?? 'Unchecked: Initial alarm creation',
    StateUpdatedTimestamp: existing?.StateUpdatedTimestamp ?? now,
    StateTransitionedTimestamp: existing?.StateTransitionedTimestamp ?? now,
    tags: existing?.tags ?? (input.Tags as TagList | undefined) ?? [],
  };
  store.set(name, alarm);
  return alarm;
}

/** Re-evaluates every composite alarm from the current states of the alarms its rule names (composites included). */
export function evaluateComposites(store: CompositeStore, metricState: (name: string) => AlarmStateValue | undefined, now: number): void {
  // Two passes let a composite that names another composite see the latter's new state.
  for (let pass = 0; pass < 2; pass++) {
    for (const alarm of store.values()) {
      const rule = parseAlarmRule(alarm.AlarmRule);
      const holds = ruleHolds(rule, (n) => metricState(n) ?? store.get(n)?.StateValue);
      const next: AlarmStateValue = holds ? 'ALARM' : 'OK';
      if (next === alarm.StateValue) continue;
      alarm.StateValue = next;
      alarm.StateReason = `The alarm rule evaluated to ${holds ? 'TRUE' : 'FALSE'}.`;
      alarm.StateUpdatedTimestamp = now;
      alarm.StateTransitionedTimestamp = now;
    }
  }
}

/** DescribeAlarms' CompositeAlarm shape. */
export const toCompositeAlarm = (a: CompositeAlarm): Record<string, unknown> => {
  const { tags: _tags, ...shown } = a;
  return {
    ...shown,
    AlarmConfigurationUpdatedTimestamp: new Date(a.AlarmConfigurationUpdatedTimestamp),
    StateUpdatedTimestamp: new Date(a.StateUpdatedTimestamp),
    StateTransitionedTimestamp: new Date(a.StateTransitionedTimestamp),
  };
};
