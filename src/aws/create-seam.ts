// Builds one SDK client and binds a seam's operations on it: every seam file is a list of operations, not wrappers.
import { type AwsCallObserver, bindCommands, type OperationsOf } from './bind-commands.js';
import type { ClientConfig } from './client-config.js';
import { throttleTolerantRetry } from './throttle-tolerant-retry.js';

/** An SDK module: its client class under `clientName`, its `<Operation>Command` classes beside it. */
type SdkModule = Readonly<Record<string, unknown>>;

interface DestroyableClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  destroy(): void;
}

export interface BuiltSeam<T> {
  readonly seam: T;
  destroy(): void;
}

export interface SeamSpec<T> {
  /** The endpoint service name as AWS's call log and IAM name it (`ecs`, `elasticloadbalancing`, ...). */
  readonly service: string;
  readonly load: () => Promise<SdkModule>;
  readonly clientName: string;
  readonly operations: OperationsOf<T>;
  /** Client settings beyond the shared configuration (S3's path-style addressing on a custom endpoint). */
  readonly extra?: (config: ClientConfig) => Readonly<Record<string, unknown>>;
}

export async function createSeam<T>(spec: SeamSpec<T>, config: ClientConfig, observe?: AwsCallObserver): Promise<BuiltSeam<T>> {
  const sdk = await spec.load();
  const Client = sdk[spec.clientName] as new (config: object) => DestroyableClient;
  // A strategy per client, as the SDK's own (its rate limiter follows one service's throttling).
  const { throttledAttempts, ...clientConfig } = config;
  const retryStrategy = await throttleTolerantRetry(config.maxAttempts, throttledAttempts);
  const client = new Client({ ...clientConfig, retryStrategy, ...(spec.extra?.(config) ?? {}) });
  return { seam: bindCommands<T>(spec.service, client, sdk, spec.operations, observe), destroy: () => client.destroy() };
}
