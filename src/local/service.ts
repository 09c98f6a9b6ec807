// The contract between the wire layer and a sandbox service: handlers keyed by AWS operation name.
import type { ServiceModel } from './model/model.js';

export interface RawRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

export interface CallContext {
  readonly region: string;
  readonly accountId: string;
  readonly requestId: string;
  readonly service: string;
  readonly operation: string;
  /** The wire protocol the client spoke (CloudWatch accepts JSON and Query). */
  readonly protocol: 'json' | 'query' | 'ec2' | 'rest-xml' | 'rest-json';
  readonly http: RawRequest;
  /** Sandbox time (the speed factor applies to what the services simulate, not to this clock). */
  now(): Date;
}

export type Input = Record<string, unknown>;
export type Handler = (input: Input, ctx: CallContext) => unknown;

/** How a service reports constraint violations found by the model-driven validator. */
export interface ValidationStyle {
  readonly code: string;
  readonly status?: number;
  /**
   * A required member that is absent, when the service reports it apart from other violations (CloudWatch's and
   * EC2's MissingParameter); `message` gets the member's name on the wire (`MetricData.member.1.Value`,
   * EC2's `GroupDescription`).
   */
  readonly missing?: { readonly code: string; readonly message: (queryName: string) => string };
  /** Any violation inside the request's XML body, when the service reports it as the body failing its schema (S3). */
  readonly body?: { readonly code: string; readonly message: string };
  /** Members with an error of their own (S3's StorageClass: InvalidStorageClass), by validator path; checked first. */
  readonly members?: Readonly<Record<string, { readonly code: string; readonly message: string }>>;
}

/** A sandbox-only HTTP route under /_cortado/<prefix>/...; `rest` is the path after the prefix. */
export type ControlHandler = (
  req: RawRequest,
  rest: string,
) => { readonly status: number; readonly body: unknown } | Promise<{ readonly status: number; readonly body: unknown }>;

export interface SandboxService {
  /** Model name under src/local/model/generated (e.g. 'ecs', 'elbv2'). */
  readonly name: string;
  readonly model: ServiceModel;
  readonly handlers: Readonly<Record<string, Handler>>;
  readonly validation: ValidationStyle;
  /** Sandbox-only routes (e.g. 'ecs/metadata' for the task metadata endpoint), matched by prefix. */
  readonly control?: Readonly<Record<string, ControlHandler>>;
  /** Serialisable state for --state-dir; restore() gets back what snapshot() returned. */
  snapshot?(): unknown;
  restore?(state: unknown): void | Promise<void>;
  /**
   * Stops background work (timers, processes, listener ports) when the sandbox closes; `immediate` (a reset) kills
   * task processes at once instead of giving them their stop timeout.
   */
  close?(how?: { readonly immediate?: boolean }): Promise<void>;
}

/** Operation names that change state; used for the call log and for eventual-consistency tracking. */
export const isMutatingOperation = (operation: string): boolean =>
  !/^(Describe|List|Get|Head|Filter|Search|Lookup|Batch?Get|Validate)/.test(operation);
