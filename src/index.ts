// Public library entry: the engine APIs (the sandbox is `cortado/local`).
export { CortadoError, UsageError, AwsCallError, TimeoutError } from './core/errors.js';
export type { IoHost, IoMessage } from './core/io-host.js';
export * as deployEngine from './deploy/index.js';
