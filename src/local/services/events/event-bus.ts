// The default event bus: events in (PutEvents, AWS services' own events), matched against enabled rules, delivered.
import { randomUUID } from 'node:crypto';
import type { BusEvent, SandboxEnv } from '../../env.js';
import type { Handler } from '../../service.js';
import { checkEventPattern, matchesEventPattern } from './event-pattern.js';
import { AwsError } from '../../aws-error.js';
import type { ArnScope, EventsState, Json, RuleRecord } from './events-state.js';
import { deliver, type DeliveryRecord } from './target-delivery.js';

/** AWS writes event times to the second: "2026-12-06T03:40:00Z". */
const eventTime = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;

export interface EventBus {
  /** Puts a complete event envelope on the bus: every ENABLED rule whose pattern matches delivers it. */
  put(envelope: Json): void;
  publish(event: BusEvent): void;
  readonly handlers: Record<string, Handler>;
}

type EntryResult = { readonly EventId: string } | { readonly ErrorCode: string; readonly ErrorMessage: string };

export function createEventBus(env: SandboxEnv, scope: ArnScope, state: EventsState, record: (d: DeliveryRecord) => void): EventBus {
  const envelope = (e: { source: string; detailType: string; detail: unknown; resources: readonly string[]; time: Date }): Json => ({
    version: '0',
    id: randomUUID(),
    'detail-type': e.detailType,
    source: e.source,
    account: scope.accountId,
    time: eventTime(e.time),
    region: scope.region,
    resources: [...e.resources],
    detail: e.detail,
  });

  const live = (r: RuleRecord) => r.state !== 'DISABLED' && r.eventPattern !== undefined;

  function put(event: Json): void {
    for (const rule of state.rules.values()) {
      if (!live(rule) || !matchesEventPattern(rule.eventPattern!, event)) continue;
      for (const target of rule.targets.values()) void deliver(env, rule, target, event).then(record);
    }
  }

  function entry(e: Json): EntryResult {
    const invalid = (what: string, reason: string): EntryResult => ({
      ErrorCode: 'InvalidArgument',
      ErrorMessage: `Parameter ${what} is not valid. Reason: ${reason}`,
    });
    if (e.EventBusName !== undefined && !/(^|event-bus\/)default$/.test(e.EventBusName as string))
      return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${String(e.EventBusName)} does not exist.` };
    if (typeof e.Source !== 'string' || e.Source === '') return invalid('Source', 'Source is a required argument.');
    if (typeof e.DetailType !== 'string' || e.DetailType === '') return invalid('DetailType', 'DetailType is a required argument.');
    if (typeof e.Detail !== 'string') return invalid('Detail', 'Detail is a required argument.');
    if (e.Source.startsWith('aws.'))
      return { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' };
    let detail: unknown;
    try {
      detail = JSON.parse(e.Detail);
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    if (detail === null || typeof detail !== 'object' || Array.isArray(detail))
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    const built = envelope({
      source: e.Source,
      detailType: e.DetailType,
      detail,
      resources: (e.Resources as string[] | undefined) ?? [],
      time: (e.Time as Date | undefined) ?? env.clock.now(),
    });
    put(built);
    return { EventId: built.id as string };
  }

  return {
    put,
    publish: (e) => put(envelope(e)),
    handlers: {
      PutEvents: (input) => {
        const entries = (input.Entries as Json[]).map(entry);
        return { FailedEntryCount: entries.filter((r) => 'ErrorCode' in r).length, Entries: entries };
      },
      TestEventPattern: (input) => {
        const check = checkEventPattern(input.EventPattern as string);
        if (check.kind === 'invalid')
          throw new AwsError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${check.reason}`);
        let event: unknown;
        try {
          event = JSON.parse(input.Event as string);
        } catch {
          throw new AwsError('InvalidEventPatternException', 'Event is not valid JSON.');
        }
        const fields = ['id', 'account', 'source', 'time', 'region', 'resources', 'detail-type'];
        const missing = fields.filter((f) => !(event !== null && typeof event === 'object' && f in event));
        if (missing.length)
          throw new AwsError(
            'ValidationException',
            `Parameter Event is not valid. Reason: Provided Event is missing required fields: ${missing.join(', ')}`,
          );
        return { Result: matchesEventPattern(input.EventPattern as string, event as Json) };
      },
    },
  };
}
