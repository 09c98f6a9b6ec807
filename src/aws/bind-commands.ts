// Turns a list of SDK operation names into a narrow seam: one generic binding instead of one hand-written wrapper per call.
import { awsCall } from './aws-call.js';

/** A seam method: the SDK command's input and output, cancellable by the caller's signal. */
export type Call<I, O> = (input: I, signal?: AbortSignal) => Promise<O>;

/** The operation names a seam interface implies (`describeServices` → `DescribeServices`), checked exhaustively at compile time. */
export type OperationsOf<T> = Record<Capitalize<keyof T & string>, true>;

/** One AWS call as observed on the wire (for --debug and the call log): never printed by the library, reported to a sink. */
export interface AwsCallRecord {
  readonly service: string;
  readonly operation: string;
  readonly httpStatus: number | undefined;
  readonly ms: number;
  /** SDK attempts beyond the first. */
  readonly retries: number;
  readonly errorCode?: string;
}

export type AwsCallObserver = (call: AwsCallRecord) => void;

interface SdkClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

interface CallMeta {
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

const lowerFirst = (s: string) => `${s[0]!.toLowerCase()}${s.slice(1)}`;

/**
 * Binds `operations` of an SDK module (`import('@aws-sdk/client-ecs')`) on `client`. Every call goes through awsCall
 * (errors name the operation) and reports to `observe`.
 */
export function bindCommands<T>(
  service: string,
  client: SdkClient,
  sdk: Readonly<Record<string, unknown>>,
  operations: OperationsOf<T>,
  observe?: AwsCallObserver,
): T {
  const seam: Record<string, unknown> = {};
  for (const operation of Object.keys(operations)) {
    const Command = sdk[`${operation}Command`] as (new (input: unknown) => unknown) | undefined;
    if (!Command) throw new Error(`internal: the SDK for ${service} has no ${operation}Command`);
    seam[lowerFirst(operation)] = (input: unknown, signal?: AbortSignal) =>
      awsCall(operation, async () => {
        const started = performance.now();
        const report = (meta: CallMeta['$metadata'], errorCode?: string) =>
          observe?.({
            service,
            operation,
            httpStatus: meta?.httpStatusCode,
            ms: Math.round(performance.now() - started),
            retries: Math.max(0, (meta?.attempts ?? 1) - 1),
            ...(errorCode ? { errorCode } : {}),
          });
        try {
          const out = await client.send(new Command(input), signal ? { abortSignal: signal } : {});
          report((out as CallMeta).$metadata);
          return out;
        } catch (e) {
          report((e as CallMeta).$metadata, (e as { name?: string }).name);
          throw e;
        }
      });
  }
  return seam as T;
}
