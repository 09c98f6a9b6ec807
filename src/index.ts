// Public library entry: open a session, then call deploy, canary or preview functions over it (the sandbox is `cortado/local`).
export { CortadoError, UsageError, AwsCallError, TimeoutError } from './core/errors.js';
export { EXIT, exitCodeOfError, type ExitCode } from './core/exit-codes.js';
export type { IoHost, IoMessage } from './core/io-host.js';
export type { Clock } from './core/clock.js';
export { openSession, type ConfigSection, type Session, type SessionOptions, type SessionRuntime } from './session/index.js';
export type { AwsCallRecord } from './aws/bind-commands.js';
export * as deploy from './deploy/session-api.js';
export * as canary from './canary/session-api.js';
export * as preview from './preview/session-api.js';
export * as autoscale from './autoscale/session-api.js';
/** The deploy engine over its own context, for callers that hold one (kept for compatibility). */
export * as deployEngine from './deploy/index.js';
