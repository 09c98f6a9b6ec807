// The log of API calls the sandbox received: tests use it to prove what a command did or did not call.
export interface CallRecord {
  readonly seq: number;
  readonly time: string;
  readonly service: string;
  readonly operation: string;
  readonly status: number;
  readonly errorCode?: string;
  readonly durationMs: number;
  readonly mutating: boolean;
  /** Who called (the SigV4 credential's access key id, as CloudTrail records it): tests tell concurrent callers apart. */
  readonly accessKeyId?: string;
}

export interface CallLog {
  add(record: Omit<CallRecord, 'seq'>): void;
  list(sinceSeq?: number): readonly CallRecord[];
  clear(): void;
}

export function createCallLog(limit = 100_000): CallLog {
  let records: CallRecord[] = [];
  let seq = 0;
  return {
    add(record) {
      records.push({ seq: ++seq, ...record });
      if (records.length > limit) records = records.slice(records.length - limit);
    },
    list: (sinceSeq = 0) => records.filter((r) => r.seq > sinceSeq),
    clear() {
      records = [];
    },
  };
}
