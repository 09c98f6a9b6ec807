// The CloudWatch Logs calls we make: read task output (tail, follow) and check a log group exists.
import type * as logs from '@aws-sdk/client-cloudwatch-logs';
import { awsCall } from './aws-call.js';
import type { ClientConfig } from './client-config.js';

type Call<I, O> = (input: I, signal?: AbortSignal) => Promise<O>;

export interface LogsApi {
  readonly getLogEvents: Call<logs.GetLogEventsCommandInput, logs.GetLogEventsCommandOutput>;
  readonly filterLogEvents: Call<logs.FilterLogEventsCommandInput, logs.FilterLogEventsCommandOutput>;
  readonly describeLogGroups: Call<logs.DescribeLogGroupsCommandInput, logs.DescribeLogGroupsCommandOutput>;
}

export async function createLogsApi(config: ClientConfig): Promise<LogsApi> {
  const sdk = await import('@aws-sdk/client-cloudwatch-logs');
  const client = new sdk.CloudWatchLogsClient(config);
  const opt = (signal?: AbortSignal) => (signal ? { abortSignal: signal } : {});
  return {
    getLogEvents: (i, s) => awsCall('GetLogEvents', () => client.send(new sdk.GetLogEventsCommand(i), opt(s))),
    filterLogEvents: (i, s) => awsCall('FilterLogEvents', () => client.send(new sdk.FilterLogEventsCommand(i), opt(s))),
    describeLogGroups: (i, s) => awsCall('DescribeLogGroups', () => client.send(new sdk.DescribeLogGroupsCommand(i), opt(s))),
  };
}
