// Logs Insights: StartQuery (runs the query over the events the sandbox holds), GetQueryResults (Scheduled, Running, then
// Complete on successive polls), StopQuery, DescribeQueries, and GetLogRecord for a result's @ptr.
import { AwsError } from '../../aws-error.js';
import type { SandboxEnv } from '../../env.js';
import { uuid } from '../../ids.js';
import { paginate } from '../../paginate.js';
import type { Handler } from '../../service.js';
import { parseQuery, QueryError } from './insights-query.js';
import { recordFields, runQuery, type InsightsRecord, type ResultRow } from './insights-run.js';
import { findGroup, invalidParameter, nameFromIdentifier } from './log-lookup.js';
import { visibleEvents, type LogStore } from './log-store.js';

export type QueryStatus = 'Scheduled' | 'Running' | 'Complete' | 'Cancelled';

export interface StoredQuery {
  readonly queryId: string;
  readonly queryString: string;
  readonly logGroupNames: readonly string[];
  readonly createTime: number;
  status: QueryStatus;
  readonly rows: readonly ResultRow[];
  readonly statistics: { recordsMatched: number; recordsScanned: number; bytesScanned: number; logGroupsScanned: number };
}

export type QueryStore = Map<string, StoredQuery>;

export const MAX_QUERY_GROUPS = 50;
export const MAX_CONCURRENT_QUERIES = 30;
/** Results are kept for 7 days, as Insights keeps them. */
const KEEP_MS = 7 * 86_400_000;

const queryNotFound = (): AwsError => new AwsError('ResourceNotFoundException', 'The specified query does not exist.');

function groupsOf(input: Record<string, unknown>): string[] {
  const given = [input.logGroupName, input.logGroupNames, input.logGroupIdentifiers].filter((x) => x !== undefined);
  if (given.length > 1) throw invalidParameter('Only one of logGroupName, logGroupNames and logGroupIdentifiers can be specified.');
  if (given.length === 0) throw invalidParameter('One of logGroupName, logGroupNames or logGroupIdentifiers must be specified.');
  const names =
    input.logGroupName !== undefined
      ? [String(input.logGroupName)]
      : ((input.logGroupNames ?? input.logGroupIdentifiers) as string[]).map((n) => nameFromIdentifier(n.replace(/:\*$/, '')));
  if (names.length === 0) throw invalidParameter('At least one log group must be specified.');
  if (names.length > MAX_QUERY_GROUPS) throw invalidParameter(`A query can include at most ${MAX_QUERY_GROUPS} log groups.`);
  return names;
}

/** A result's @ptr: the event's group, stream and store sequence number, opaque to clients. */
const pointerOf = (group: string, stream: string, seq: number): string =>
  Buffer.from(`${group}\u0000${stream}\u0000${seq}`).toString('base64');

export function queryHandlers(env: SandboxEnv, store: LogStore, queries: QueryStore): Record<string, Handler> {
  const prune = (now: number) => {
    for (const [id, q] of queries) if (now - q.createTime > KEEP_MS) queries.delete(id);
  };
  return {
    StartQuery: (input, ctx) => {
      const now = ctx.now().getTime();
      prune(now);
      const language = (input.queryLanguage as string | undefined) ?? 'CWLI';
      if (language !== 'CWLI') throw invalidParameter(`cortado local runs only the CWLI query language, not ${language}.`);
      const names = groupsOf(input);
      const groups = names.map((n) => findGroup(env, store, n));
      const start = (input.startTime as number) * 1000;
      const end = (input.endTime as number) * 1000;
      if (end < start) throw invalidParameter('endTime must be greater than or equal to startTime.');
      const queryString = String(input.queryString);
      let commands;
      try {
        commands = parseQuery(queryString);
      } catch (e) {
        if (!(e instanceof QueryError)) throw e;
        throw new AwsError('MalformedQueryException', `${e.message} at position ${e.start + 1}-${e.end}`);
      }
      const running = [...queries.values()].filter((q) => q.status === 'Scheduled' || q.status === 'Running').length;
      if (running >= MAX_CONCURRENT_QUERIES)
        throw new AwsError('LimitExceededException', `Account maximum query concurrency limit of [${MAX_CONCURRENT_QUERIES}] reached.`);
      const records: InsightsRecord[] = [];
      let bytes = 0;
      for (const g of groups)
        for (const stream of g.streams.values())
          for (const e of visibleEvents(g, stream, now)) {
            if (e.timestamp < start || e.timestamp > end) continue;
            bytes += Buffer.byteLength(e.message);
            records.push({
              timestamp: e.timestamp,
              message: e.message,
              ingestionTime: e.ingestionTime,
              logStream: stream.name,
              log: `${env.accountId}:${g.name}`,
              ptr: pointerOf(g.name, stream.name, e.seq),
            });
          }
      const out = runQuery(commands, records, (input.limit as number | undefined) ?? 10_000);
      const queryId = uuid();
      queries.set(queryId, {
        queryId,
        queryString,
        logGroupNames: names,
        createTime: now,
        status: 'Scheduled',
        rows: out.rows,
        statistics: {
          recordsMatched: out.recordsMatched,
          recordsScanned: records.length,
          bytesScanned: bytes,
          logGroupsScanned: names.length,
        },
      });
      return { queryId };
    },
    GetQueryResults: (input) => {
      const q = queries.get(String(input.queryId));
      if (!q) throw queryNotFound();
      // Each poll moves a query one step on: Scheduled → Running → Complete.
      if (q.status === 'Scheduled') q.status = 'Running';
      else if (q.status === 'Running') q.status = 'Complete';
      const complete = q.status === 'Complete';
      return {
        queryLanguage: 'CWLI',
        status: q.status,
        results: complete ? q.rows : [],
        statistics: complete
          ? { ...q.statistics, resultCount: q.rows.length }
          : { recordsMatched: 0, recordsScanned: 0, bytesScanned: 0, logGroupsScanned: 0, resultCount: 0 },
      };
    },
    StopQuery: (input) => {
      const q = queries.get(String(input.queryId));
      if (!q) throw queryNotFound();
      if (q.status !== 'Scheduled' && q.status !== 'Running') return { success: false };
      q.status = 'Cancelled';
      return { success: true };
    },
    GetLogRecord: (input, ctx) => {
      const [group, stream, seq] = Buffer.from(String(input.logRecordPointer), 'base64').toString('utf8').split('\u0000');
      const bad = () => invalidParameter('The specified logRecordPointer is invalid.');
      if (group === undefined || stream === undefined || seq === undefined || !/^\d+$/.test(seq)) throw bad();
      const g = store.groups.get(group);
      const e = g?.streams.get(stream)?.events.find((x) => x.seq === Number(seq));
      if (!g || !e) throw new AwsError('ResourceNotFoundException', 'The specified log record does not exist.');
      const now = ctx.now().getTime();
      if (g.retentionInDays !== undefined && e.timestamp < now - g.retentionInDays * 86_400_000)
        throw new AwsError('ResourceNotFoundException', 'The specified log record does not exist.');
      return {
        logRecord: recordFields({
          timestamp: e.timestamp,
          message: e.message,
          ingestionTime: e.ingestionTime,
          logStream: stream,
          log: `${env.accountId}:${group}`,
          ptr: String(input.logRecordPointer),
        }),
      };
    },
    DescribeQueries: (input) => {
      const group = input.logGroupName as string | undefined;
      const status = input.status as string | undefined;
      const language = input.queryLanguage as string | undefined;
      const all = [...queries.values()]
        .filter((q) => (group === undefined || q.logGroupNames.includes(group)) && (status === undefined || q.status === status))
        .filter(() => language === undefined || language === 'CWLI')
        .sort((a, b) => b.createTime - a.createTime);
      const page = paginate(
        all,
        { nextToken: input.nextToken, maxResults: input.maxResults },
        { defaultSize: 1000, maxSize: 1000, badToken: () => invalidParameter('The specified nextToken is invalid.') },
        JSON.stringify([group ?? null, status ?? null]),
      );
      return {
        queries: page.items.map((q) => ({
          queryId: q.queryId,
          queryString: q.queryString,
          queryLanguage: 'CWLI',
          status: q.status,
          createTime: q.createTime,
          logGroupName: q.logGroupNames[0],
        })),
        ...(page.nextToken ? { nextToken: page.nextToken } : {}),
      };
    },
  };
}
