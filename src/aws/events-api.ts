// The EventBridge calls scheduled jobs make: the rule that records their task state changes, and reading rules that run ECS tasks (import).
import type * as events from '@aws-sdk/client-eventbridge';
import type { Call, OperationsOf } from './bind-commands.js';
import type { SeamSpec } from './create-seam.js';

export interface EventsApi {
  readonly putRule: Call<events.PutRuleCommandInput, events.PutRuleCommandOutput>;
  readonly describeRule: Call<events.DescribeRuleCommandInput, events.DescribeRuleCommandOutput>;
  readonly putTargets: Call<events.PutTargetsCommandInput, events.PutTargetsCommandOutput>;
  readonly listTargetsByRule: Call<events.ListTargetsByRuleCommandInput, events.ListTargetsByRuleCommandOutput>;
  readonly listRules: Call<events.ListRulesCommandInput, events.ListRulesCommandOutput>;
}

export const EVENTS_SEAM: SeamSpec<EventsApi> = {
  service: 'events',
  clientName: 'EventBridgeClient',
  load: () => import('@aws-sdk/client-eventbridge'),
  operations: {
    PutRule: true,
    DescribeRule: true,
    PutTargets: true,
    ListTargetsByRule: true,
    ListRules: true,
  } satisfies OperationsOf<EventsApi>,
};
