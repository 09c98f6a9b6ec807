// Contributor Insights rules: stored, enabled and disabled, described and deleted; reports are empty (no log data is read).
import { AwsError } from '../../aws-error.js';
import { paginate } from '../../paginate.js';
import type { Handler } from '../../service.js';
import { invalidNextToken, invalidParameterValue } from './cloudwatch-errors.js';
import type { TagList } from './resource-tags.js';

export interface InsightRule {
  readonly name: string;
  state: 'ENABLED' | 'DISABLED';
  readonly definition: string;
  readonly applyOnTransformedLogs: boolean;
  tags: TagList;
}

export type InsightRuleStore = Map<string, InsightRule>;

const SCHEMA = '{"Name": "CloudWatchLogRule", "Version": 1}';
const MAX_RULES = 100;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The rule body's keys (KeyLabels of a report); throws InvalidParameterValue as CloudWatch refuses a body it cannot use. */
export function checkRuleDefinition(definition: string): readonly string[] {
  let body: unknown;
  try {
    body = JSON.parse(definition);
  } catch {
    throw invalidParameterValue('The rule definition is not valid JSON.');
  }
  if (!isObject(body)) throw invalidParameterValue('The rule definition must be a JSON object.');
  const schema = body.Schema;
  if (!isObject(schema) || schema.Name !== 'CloudWatchLogRule' || schema.Version !== 1)
    throw invalidParameterValue('Schema must be {"Name": "CloudWatchLogRule", "Version": 1}.');
  const groups = body.LogGroupNames ?? body.LogGroupARNs;
  if (!Array.isArray(groups) || groups.length === 0) throw invalidParameterValue('LogGroupNames must list at least one log group.');
  if (body.LogFormat !== 'JSON' && body.LogFormat !== 'CLF') throw invalidParameterValue('LogFormat must be JSON or CLF.');
  const contribution = body.Contribution;
  if (!isObject(contribution) || !Array.isArray(contribution.Keys) || contribution.Keys.length < 1 || contribution.Keys.length > 4)
    throw invalidParameterValue('Contribution.Keys must list between 1 and 4 keys.');
  if (body.AggregateOn !== 'Count' && body.AggregateOn !== 'Sum') throw invalidParameterValue('AggregateOn must be Count or Sum.');
  if (body.AggregateOn === 'Sum' && typeof contribution.ValueOf !== 'string')
    throw invalidParameterValue('Contribution.ValueOf is required when AggregateOn is Sum.');
  return contribution.Keys.map(String);
}

/** DeleteInsightRules, EnableInsightRules and DisableInsightRules report unknown names as failures, not errors. */
const notFound = (name: string) => ({
  FailureResource: name,
  ExceptionType: 'ResourceNotFoundException',
  FailureCode: '404',
  FailureDescription: `Rule ${name} does not exist.`,
});

export function insightRuleHandlers(store: InsightRuleStore): Record<string, Handler> {
  const eachRule = (input: Record<string, unknown>, apply: (rule: InsightRule) => void) => {
    const Failures = [];
    for (const name of input.RuleNames as string[]) {
      const rule = store.get(name);
      if (rule) apply(rule);
      else Failures.push(notFound(name));
    }
    return { Failures };
  };
  return {
    PutInsightRule: (input) => {
      const name = String(input.RuleName);
      const definition = String(input.RuleDefinition);
      checkRuleDefinition(definition);
      const state = (input.RuleState as string | undefined) ?? 'ENABLED';
      if (state !== 'ENABLED' && state !== 'DISABLED') throw invalidParameterValue('RuleState must be ENABLED or DISABLED.');
      const existing = store.get(name);
      if (!existing && store.size >= MAX_RULES)
        throw new AwsError('LimitExceededException', 'The maximum number of rules has been reached.');
      store.set(name, {
        name,
        state,
        definition,
        applyOnTransformedLogs: (input.ApplyOnTransformedLogs as boolean | undefined) ?? false,
        tags: existing?.tags ?? (input.Tags as TagList | undefined) ?? [],
      });
      return {};
    },
    DescribeInsightRules: (input) => {
      const all = [...store.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
      const page = paginate(
        all,
        { nextToken: input.NextToken, maxResults: input.MaxResults },
        { defaultSize: 500, maxSize: 500, badToken: invalidNextToken },
      );
      return {
        InsightRules: page.items.map((r) => ({
          Name: r.name,
          State: r.state,
          Schema: SCHEMA,
          Definition: r.definition,
          ManagedRule: false,
          ApplyOnTransformedLogs: r.applyOnTransformedLogs,
        })),
        ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      };
    },
    DeleteInsightRules: (input) => eachRule(input, (r) => store.delete(r.name)),
    EnableInsightRules: (input) => eachRule(input, (r) => (r.state = 'ENABLED')),
    DisableInsightRules: (input) => eachRule(input, (r) => (r.state = 'DISABLED')),
    GetInsightRuleReport: (input) => {
      const name = String(input.RuleName);
      const rule = store.get(name);
      if (!rule) throw new AwsError('ResourceNotFoundException', `Rule ${name} does not exist.`, 404);
      const start = (input.StartTime as Date).getTime();
      const end = (input.EndTime as Date).getTime();
      if (end <= start) throw invalidParameterValue('EndTime must be after StartTime.');
      const body = JSON.parse(rule.definition) as { AggregateOn: string };
      return {
        KeyLabels: checkRuleDefinition(rule.definition),
        AggregationStatistic: body.AggregateOn === 'Sum' ? 'Sum' : 'Count',
        AggregateValue: 0,
        ApproximateUniqueCount: 0,
        Contributors: [],
        MetricDatapoints: [],
      };
    },
  };
}
