// What every capability is handed: the options the host parsed, the loaded config, the AWS seams, the IoHost, the clock and the signal.
import type { AwsCallObserver } from '../aws/bind-commands.js';
import type { AwsClients } from '../aws/aws-clients.js';
import type { Clock } from '../core/clock.js';
import type { IoHost } from '../core/io-host.js';
import type { DeployConfig } from '../config/config-types.js';
import type { LoadedConfig } from '../config/load-config.js';

/** Every shared flag, after the host parsed it (from argv, CORTADO_* or ECSPRESSO_* variables, or an HTTP request). */
export interface SessionOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly configPath?: string;
  readonly envfiles?: readonly string[];
  readonly extStr?: Readonly<Record<string, string>>;
  readonly extCode?: Readonly<Record<string, string>>;
  readonly region?: string;
  readonly profile?: string;
  readonly assumeRoleArn?: string;
  readonly endpoint?: string;
  readonly timeoutMs?: number;
  readonly pollIntervalMs?: number;
  /** Definition fields that would be dropped, and unknown keys, are errors instead of warnings. */
  readonly strict?: boolean;
}

/** What the host hands in besides the options: where messages go, time, cancellation; tests inject fake seams. */
export interface SessionRuntime {
  readonly io: IoHost;
  readonly clock?: Clock;
  readonly signal?: AbortSignal;
  readonly aws?: AwsClients;
  /** Sees every AWS call (--debug). */
  readonly observe?: AwsCallObserver;
}

/** A section of cortado.yml that a capability owns (`canary:`, `preview:`, `autoscale:` ...): registered, parsed once. */
export interface ConfigSection<T> {
  readonly key: string;
  /** Other names accepted for the same section (`env:` for `preview:`). */
  readonly aliases?: readonly string[];
  /** Parses the section's raw value; throws UsageError (code, file, field) on bad input and reports warnings through ctx. */
  parse(raw: unknown, ctx: SectionContext): T;
}

export interface SectionContext {
  /** The config file, as the user named it. */
  readonly file: string;
  /** The whole rendered document (a section may default from top-level keys such as cluster and service). */
  readonly document: Readonly<Record<string, unknown>>;
  readonly config: DeployConfig;
  readonly strict: boolean;
  warn(message: string, field?: string): void;
}

export interface Session {
  readonly options: SessionOptions;
  readonly io: IoHost;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly aws: AwsClients;
  readonly loaded: LoadedConfig;
  readonly config: DeployConfig;
  readonly timeoutMs: number;
  readonly pollIntervalMs: number;
  /** A registered section, parsed once (a missing section is `undefined`). */
  section<T>(def: ConfigSection<T>): T | undefined;
  /** Closes the SDK clients' sockets. */
  close(): void;
}
