// What every sandbox service is built with: identity, clock, faults, and the in-process seams between services.
import type { SandboxClock } from './clock.js';
import type { Consistency } from './consistency.js';

/** CloudWatch Logs as other services (ECS's awslogs driver) write to it. */
export interface LogSink {
  groupExists(group: string): boolean;
  createGroup(group: string): void;
  /** Creates the stream if needed and appends the events (timestamps in ms). */
  append(group: string, stream: string, events: ReadonlyArray<{ readonly timestamp: number; readonly message: string }>): void;
}

/** SSM Parameter Store and Secrets Manager as ECS `secrets[].valueFrom` reads them. */
export interface SecretReader {
  /** Resolves an SSM parameter name/ARN or a Secrets Manager ARN (with optional `:json-key:version-stage:version-id`). */
  resolve(valueFrom: string): { readonly kind: 'ok'; readonly value: string } | { readonly kind: 'error'; readonly reason: string };
}

export type TargetHealthState = 'initial' | 'healthy' | 'unhealthy' | 'unused' | 'draining' | 'unavailable';

/** ELBv2 target groups as the ECS scheduler registers tasks into them. */
export interface TargetRegistry {
  targetGroupExists(arn: string): boolean;
  register(arn: string, targets: ReadonlyArray<{ readonly id: string; readonly port: number }>): void;
  /** Starts draining; resolves when the target has left the group (deregistration delay elapsed). */
  deregister(arn: string, target: { readonly id: string; readonly port: number }): Promise<void>;
  health(arn: string, target: { readonly id: string; readonly port: number }): TargetHealthState | undefined;
  /** The target groups and weights of a listener rule's forward action (a listener ARN means its default rule); undefined for an unknown rule or one without a forward action. */
  forwardWeights(ruleArn: string): ReadonlyArray<{ readonly targetGroupArn: string; readonly weight: number }> | undefined;
  /** Sets the weights (0–999) of target groups the rule's forward action already names, as ECS blue/green deployments do; throws when it cannot. */
  setForwardWeights(ruleArn: string, weights: Readonly<Record<string, number>>): void;
}

/** CloudWatch metrics as other services (ALB data plane, ECS) publish them. */
export interface MetricSink {
  put(datum: {
    readonly namespace: string;
    readonly name: string;
    readonly dimensions: ReadonlyArray<{ readonly name: string; readonly value: string }>;
    readonly value: number;
    readonly unit?: string;
    readonly timestamp: Date;
  }): void;
}

/** An event as an AWS service puts it on the default event bus (ECS's task state changes). */
export interface BusEvent {
  readonly source: string;
  readonly detailType: string;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly resources: readonly string[];
  readonly time: Date;
}

/** EventBridge's default event bus, as AWS services publish to it. */
export interface EventPublisher {
  publish(event: BusEvent): void;
}

/**
 * Another sandbox service's operation called in-process, as an AWS service principal calls it (EventBridge Scheduler
 * and EventBridge targets): the input is validated against that service's model; errors are thrown as AwsError.
 */
export interface ServiceCaller {
  call(service: string, operation: string, input: Record<string, unknown>): Promise<unknown>;
}

/** Seams are filled in as services are built; a service checks for the one it needs when it needs it. */
export interface SandboxSeams {
  logs?: LogSink;
  secrets?: SecretReader;
  targets?: TargetRegistry;
  metrics?: MetricSink;
  events?: EventPublisher;
  caller?: ServiceCaller;
}

export interface SandboxEnv {
  readonly region: string;
  readonly accountId: string;
  readonly clock: SandboxClock;
  readonly consistency: Consistency;
  readonly seams: SandboxSeams;
  /** The sandbox's own base URL (e.g. http://127.0.0.1:4566), known once it listens. */
  endpoint(): string;
  /** Whether a Docker engine answers; asked once per sandbox, not again after every reset. */
  readonly detectDocker?: () => Promise<boolean>;
  /** Where a service may keep files (state dir) when persistence is on. */
  readonly stateDir?: string;
}
