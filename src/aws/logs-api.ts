// The CloudWatch Logs calls we make: read task output (tail, follow), check a log group exists, and set up the scheduled jobs'
// history (its log group, retention, and the resource policy that lets EventBridge write to it).
import type * as logs from '@aws-sdk/client-cloudwatch-logs';
import type { Call, OperationsOf } from './bind-commands.js';
import type { SeamSpec } from './create-seam.js';

export interface LogsApi {
  readonly getLogEvents: Call<logs.GetLogEventsCommandInput, logs.GetLogEventsCommandOutput>;
  readonly filterLogEvents: Call<logs.FilterLogEventsCommandInput, logs.FilterLogEventsCommandOutput>;
  readonly describeLogGroups: Call<logs.DescribeLogGroupsCommandInput, logs.DescribeLogGroupsCommandOutput>;
  readonly createLogGroup: Call<logs.CreateLogGroupCommandInput, logs.CreateLogGroupCommandOutput>;
  readonly putRetentionPolicy: Call<logs.PutRetentionPolicyCommandInput, logs.PutRetentionPolicyCommandOutput>;
  readonly describeResourcePolicies: Call<logs.DescribeResourcePoliciesCommandInput, logs.DescribeResourcePoliciesCommandOutput>;
  readonly putResourcePolicy: Call<logs.PutResourcePolicyCommandInput, logs.PutResourcePolicyCommandOutput>;
  readonly createLogStream: Call<logs.CreateLogStreamCommandInput, logs.CreateLogStreamCommandOutput>;
  readonly putLogEvents: Call<logs.PutLogEventsCommandInput, logs.PutLogEventsCommandOutput>;
}

export const LOGS_SEAM: SeamSpec<LogsApi> = {
  service: 'logs',
  clientName: 'CloudWatchLogsClient',
  load: () => import('@aws-sdk/client-cloudwatch-logs'),
  operations: {
    GetLogEvents: true,
    FilterLogEvents: true,
    DescribeLogGroups: true,
    CreateLogGroup: true,
    PutRetentionPolicy: true,
    DescribeResourcePolicies: true,
    PutResourcePolicy: true,
    CreateLogStream: true,
    PutLogEvents: true,
  } satisfies OperationsOf<LogsApi>,
};
