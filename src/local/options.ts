// Options of `cortado local start` and of startSandbox(), with their defaults.
export interface SandboxOptions {
  readonly port?: number;
  readonly host?: string;
  readonly region?: string;
  readonly accountId?: string;
  /** Simulated time runs this many times faster than real time (ECS waits, health check intervals). */
  readonly speed?: number;
  /** Latency added to every API call, in ms. */
  readonly latencyMs?: number;
  readonly errorRate?: number;
  readonly consistencyDelayMs?: number;
  readonly stateDir?: string;
  /** When set, requests must carry a valid SigV4 signature by one of these access keys. */
  readonly signatureKeys?: Readonly<Record<string, string>>;
  /** Path of a JSON image map (image → local command), see src/local/runtime/spec.md. */
  readonly imageMapPath?: string;
}

export const DEFAULTS = {
  port: 4566,
  host: '127.0.0.1',
  region: 'us-east-1',
  accountId: '000000000000',
  speed: 1,
} as const;
