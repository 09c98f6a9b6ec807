// CloudWatch Logs state (groups, streams, events in timestamp order) shared by the API handlers and the LogSink seam.
import type { LogSink } from '../../env.js';

export interface StoredEvent {
  readonly timestamp: number;
  readonly message: string;
  readonly ingestionTime: number;
  /** Store-wide ingestion order: breaks timestamp ties and makes cursors and event ids stable. */
  readonly seq: number;
}

export interface StreamState {
  readonly name: string;
  readonly creationTime: number;
  /** Sorted by (timestamp, seq). */
  readonly events: StoredEvent[];
  lastIngestionTime?: number;
  storedBytes: number;
  readonly stamp: number;
}

export interface GroupState {
  readonly name: string;
  readonly creationTime: number;
  retentionInDays?: number;
  readonly kmsKeyId?: string;
  readonly logGroupClass: string;
  deletionProtectionEnabled: boolean;
  tags: Record<string, string>;
  readonly streams: Map<string, StreamState>;
  readonly stamp: number;
}

export interface LogStore {
  readonly groups: Map<string, GroupState>;
  /** The last event sequence number handed out. */
  seq: number;
  /** Called with every batch of events stored, whoever wrote it (the API or the LogSink): metric filters listen here. */
  onAppend?: (groupName: string, events: readonly EventInput[]) => void;
}

export interface EventInput {
  readonly timestamp: number;
  readonly message: string;
}

export const createLogStore = (): LogStore => ({ groups: new Map(), seq: 0 });

export const newGroup = (
  name: string,
  now: number,
  stamp: number,
  options: Partial<Pick<GroupState, 'kmsKeyId' | 'logGroupClass' | 'deletionProtectionEnabled' | 'tags'>> = {},
): GroupState => ({
  name,
  creationTime: now,
  logGroupClass: options.logGroupClass ?? 'STANDARD',
  deletionProtectionEnabled: options.deletionProtectionEnabled ?? false,
  tags: { ...(options.tags ?? {}) },
  streams: new Map(),
  stamp,
  ...(options.kmsKeyId ? { kmsKeyId: options.kmsKeyId } : {}),
});

export const newStream = (name: string, now: number, stamp: number): StreamState => ({
  name,
  creationTime: now,
  events: [],
  storedBytes: 0,
  stamp,
});

const before = (a: StoredEvent, b: StoredEvent): boolean => a.timestamp < b.timestamp || (a.timestamp === b.timestamp && a.seq < b.seq);

/** Appends in order; an event older than the stream's newest is inserted at its place (binary search). */
export function appendEvents(store: LogStore, stream: StreamState, events: readonly EventInput[], now: number, groupName?: string): void {
  for (const e of events) {
    const stored: StoredEvent = { timestamp: e.timestamp, message: e.message, ingestionTime: now, seq: ++store.seq };
    const list = stream.events;
    const last = list[list.length - 1];
    if (!last || !before(stored, last)) list.push(stored);
    else {
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (before(list[mid]!, stored)) lo = mid + 1;
        else hi = mid;
      }
      list.splice(lo, 0, stored);
    }
    stream.storedBytes += Buffer.byteLength(e.message, 'utf8');
  }
  if (events.length > 0) stream.lastIngestionTime = now;
  if (groupName !== undefined && events.length > 0) store.onAppend?.(groupName, events);
}

/** Events a read may see: those inside the group's retention period. */
export function visibleEvents(group: GroupState, stream: StreamState, now: number): readonly StoredEvent[] {
  if (group.retentionInDays === undefined) return stream.events;
  const oldest = now - group.retentionInDays * 86_400_000;
  const first = stream.events.findIndex((e) => e.timestamp >= oldest);
  return first <= 0 ? (first === 0 ? stream.events : []) : stream.events.slice(first);
}

/** The seam ECS's awslogs driver writes through: no API validation, no eventual-consistency delay. */
export function createLogSink(store: LogStore, now: () => number): LogSink {
  return {
    groupExists: (group) => store.groups.has(group),
    createGroup(group) {
      if (!store.groups.has(group)) store.groups.set(group, newGroup(group, now(), 0));
    },
    append(groupName, streamName, events) {
      let group = store.groups.get(groupName);
      if (!group) {
        group = newGroup(groupName, now(), 0);
        store.groups.set(groupName, group);
      }
      let stream = group.streams.get(streamName);
      if (!stream) {
        stream = newStream(streamName, now(), 0);
        group.streams.set(streamName, stream);
      }
      appendEvents(store, stream, events, now(), groupName);
    },
  };
}

interface GroupSnapshot {
  readonly name: string;
  readonly creationTime: number;
  readonly retentionInDays?: number;
  readonly kmsKeyId?: string;
  readonly logGroupClass: string;
  readonly deletionProtectionEnabled: boolean;
  readonly tags: Record<string, string>;
  readonly streams: ReadonlyArray<{
    readonly name: string;
    readonly creationTime: number;
    readonly lastIngestionTime?: number;
    readonly storedBytes: number;
    readonly events: ReadonlyArray<readonly [number, string, number, number]>;
  }>;
}

export interface LogStoreSnapshot {
  readonly seq: number;
  readonly groups: readonly GroupSnapshot[];
}

export function snapshotLogStore(store: LogStore): LogStoreSnapshot {
  return {
    seq: store.seq,
    groups: [...store.groups.values()].map((g) => ({
      name: g.name,
      creationTime: g.creationTime,
      logGroupClass: g.logGroupClass,
      deletionProtectionEnabled: g.deletionProtectionEnabled,
      tags: g.tags,
      ...(g.retentionInDays !== undefined ? { retentionInDays: g.retentionInDays } : {}),
      ...(g.kmsKeyId ? { kmsKeyId: g.kmsKeyId } : {}),
      streams: [...g.streams.values()].map((st) => ({
        name: st.name,
        creationTime: st.creationTime,
        storedBytes: st.storedBytes,
        ...(st.lastIngestionTime !== undefined ? { lastIngestionTime: st.lastIngestionTime } : {}),
        events: st.events.map((e) => [e.timestamp, e.message, e.ingestionTime, e.seq] as const),
      })),
    })),
  };
}

export function restoreLogStore(store: LogStore, snap: LogStoreSnapshot): void {
  store.groups.clear();
  for (const g of snap.groups) {
    const group = newGroup(g.name, g.creationTime, 0, {
      logGroupClass: g.logGroupClass,
      deletionProtectionEnabled: g.deletionProtectionEnabled,
      tags: g.tags,
      ...(g.kmsKeyId ? { kmsKeyId: g.kmsKeyId } : {}),
    });
    if (g.retentionInDays !== undefined) group.retentionInDays = g.retentionInDays;
    for (const st of g.streams) {
      const stream = newStream(st.name, st.creationTime, 0);
      stream.storedBytes = st.storedBytes;
      if (st.lastIngestionTime !== undefined) stream.lastIngestionTime = st.lastIngestionTime;
      for (const [timestamp, message, ingestionTime, seq] of st.events) stream.events.push({ timestamp, message, ingestionTime, seq });
      group.streams.set(st.name, stream);
    }
    store.groups.set(g.name, group);
  }
  store.seq = snap.seq;
}
