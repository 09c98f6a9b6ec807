// The library reports through an injected IoHost (typed messages with stable codes); only hosts print.
import type { Code } from './codes.js';
export type MessageLevel = 'debug' | 'info' | 'warn' | 'error' | 'result';

export interface IoMessage<T = unknown> {
  readonly level: MessageLevel;
  /** Stable code from the registry (src/core/codes.ts), e.g. 'LOCAL_READY'. */
  readonly code: Code;
  /** Human sentence; hosts may print it as is. */
  readonly message: string;
  readonly data?: T;
  readonly time: Date;
}

export interface IoHost {
  notify(msg: IoMessage): void;
}

export const silentHost: IoHost = { notify: () => undefined };

export function msg<T>(level: MessageLevel, code: Code, message: string, data?: T): IoMessage<T> {
  return data === undefined ? { level, code, message, time: new Date() } : { level, code, message, data, time: new Date() };
}

/** A host that keeps every message: tests assert on codes, not on printed text. */
export function recordingHost(): IoHost & { readonly messages: IoMessage[] } {
  const messages: IoMessage[] = [];
  return {
    messages,
    notify: (m) => {
      messages.push(m);
    },
  };
}
