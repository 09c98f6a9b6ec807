// CloudWatch Logs events: PutLogEvents, GetLogEvents (f/ b/ tokens) and FilterLogEvents (interleaved, filter patterns).
import type { SandboxEnv } from '../../env.js';
import type { Handler } from '../../service.js';
import { decodeFilterToken, filterEvents } from './filter-log-events.js';
import { parseFilterPattern } from './filter-pattern.js';
import { sequenceToken } from './log-group-handlers.js';
import { findGroup, findStream, groupNameOf, invalidParameter } from './log-lookup.js';
import { decodeCursor, pageLogEvents } from './log-event-page.js';
import { appendEvents, visibleEvents, type EventInput, type LogStore } from './log-store.js';
import { judgeBatch } from './put-log-events-batch.js';

export function logEventHandlers(env: SandboxEnv, store: LogStore): Record<string, Handler> {
  const now = () => env.clock.now().getTime();
  return {
    PutLogEvents: (input) => {
      const group = findGroup(env, store, input.logGroupName as string);
      const stream = findStream(env, group, input.logStreamName as string);
      const verdict = judgeBatch(input.logEvents as EventInput[], now(), group.retentionInDays);
      if (verdict.kind === 'invalid') throw invalidParameter(verdict.message);
      appendEvents(store, stream, verdict.events, now(), group.name);
      return {
        nextSequenceToken: sequenceToken(stream.events.length),
        ...(verdict.rejected ? { rejectedLogEventsInfo: verdict.rejected } : {}),
      };
    },
    GetLogEvents: (input) => {
      const group = findGroup(env, store, groupNameOf(input));
      const stream = findStream(env, group, input.logStreamName as string);
      const token = input.nextToken as string | undefined;
      const cursor = token === undefined ? undefined : decodeCursor(token);
      if (token !== undefined && !cursor) throw invalidParameter('The specified nextToken is invalid.');
      const page = pageLogEvents(visibleEvents(group, stream, now()), {
        startFromHead: input.startFromHead === true,
        ...(cursor ? { cursor } : {}),
        ...(input.limit !== undefined ? { limit: input.limit as number } : {}),
        ...(input.startTime !== undefined ? { startTime: input.startTime as number } : {}),
        ...(input.endTime !== undefined ? { endTime: input.endTime as number } : {}),
      });
      return {
        events: page.events.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
        nextForwardToken: page.nextForwardToken,
        nextBackwardToken: page.nextBackwardToken,
      };
    },
    FilterLogEvents: (input) => {
      const group = findGroup(env, store, groupNameOf(input));
      const names = input.logStreamNames as string[] | undefined;
      const prefix = input.logStreamNamePrefix as string | undefined;
      if (names && prefix !== undefined)
        throw invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
      if (names && names.length > 100) throw invalidParameter('logStreamNames may contain at most 100 log stream names.');
      const parsed = parseFilterPattern(input.filterPattern as string | undefined);
      if (parsed.kind === 'error') throw invalidParameter(parsed.message);
      const token = input.nextToken as string | undefined;
      const after = token === undefined ? undefined : decodeFilterToken(token);
      if (token !== undefined && !after) throw invalidParameter('The specified nextToken is invalid.');
      const wanted = names ? new Set(names) : undefined;
      const streams = [...group.streams.values()]
        .filter((s) => env.consistency.visible(s.stamp))
        .filter((s) => (!wanted || wanted.has(s.name)) && (prefix === undefined || s.name.startsWith(prefix)))
        .map((s) => ({ streamName: s.name, events: visibleEvents(group, s, now()) }));
      const result = filterEvents(streams, {
        pattern: parsed.pattern,
        ...(after ? { after } : {}),
        ...(input.limit !== undefined ? { limit: input.limit as number } : {}),
        ...(input.startTime !== undefined ? { startTime: input.startTime as number } : {}),
        ...(input.endTime !== undefined ? { endTime: input.endTime as number } : {}),
      });
      // searchedLogStreams has been empty since AWS retired it in 2020.
      return result.nextToken
        ? { events: result.events, searchedLogStreams: [], nextToken: result.nextToken }
        : { events: result.events, searchedLogStreams: [] };
    },
  };
}
