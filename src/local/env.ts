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

/** CloudWatch alarms as another service creates and deletes them (Application Auto Scaling's target tracking alarms). */
export interface AlarmRegistry {
  /**
   * Creates or replaces a metric alarm from PutMetricAlarm's input (same checks, same errors). `simulatedPeriods`: the alarm
   * counts its periods on the sandbox clock (a period of P seconds covers P/--speed real seconds), as managed alarms do here.
   */
  put(input: Readonly<Record<string, unknown>>, options?: { readonly simulatedPeriods?: boolean }): void;
  delete(names: readonly string[]): void;
}

/** What CloudWatch hands an alarm action it runs. */
export interface AlarmActionCall {
  readonly actionArn: string;
  readonly alarmName: string;
  readonly alarmArn: string;
  readonly state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  /** The newest datapoint the evaluation used (as the alarm compares it), if any. */
  readonly newestValue?: number;
  readonly threshold: number;
}

/** Application Auto Scaling policies as CloudWatch alarm actions invoke them (`arn:aws:autoscaling:...:scalingPolicy:...`). */
export interface ScalingPolicyInvoker {
  invoke(call: AlarmActionCall): void;
}

/** ECS services as Application Auto Scaling reads and sets their desired count. */
export interface ScalableServices {
  /** Undefined when the service does not exist or is not ACTIVE. */
  describe(
    cluster: string,
    service: string,
  ): { readonly desiredCount: number; readonly runningCount: number; readonly deploying: boolean } | undefined;
  /** Sets the desired count as UpdateService(desiredCount) does; throws ECS's error when it cannot. */
  setDesiredCount(cluster: string, service: string, desiredCount: number): void;
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

/** A subnet as EC2 knows it. */
export interface SubnetInfo {
  readonly subnetId: string;
  readonly vpcId: string;
  readonly availabilityZone: string;
}

/** An EC2 instance record, as ECS registers it as a container instance. */
export interface InstanceInfo {
  readonly instanceId: string;
  readonly instanceType: string;
  readonly state: string;
  readonly availabilityZone: string;
  readonly subnetId: string;
  readonly vpcId: string;
  readonly privateIpAddress: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
}

/**
 * EC2 networking as ELBv2 and ECS check the ids they are given. Until the account and region has created a VPC, subnet
 * or security group, an id EC2 does not know is taken as part of the default VPC (as before EC2 was served).
 */
export interface NetworkDirectory {
  readonly defaultVpcId: string;
  /** The default security group of a VPC (the default VPC's when none is given). */
  defaultSecurityGroupId(vpcId?: string): string | undefined;
  /** Each id's subnet, in order; `missing` lists the ids EC2 does not know. */
  subnets(ids: readonly string[]): { readonly found: readonly SubnetInfo[]; readonly missing: readonly string[] };
  /** Each id's VPC, in order; `missing` lists the ids EC2 does not know. */
  securityGroups(ids: readonly string[]): {
    readonly found: ReadonlyArray<{ readonly groupId: string; readonly vpcId: string }>;
    readonly missing: readonly string[];
  };
  vpcExists(vpcId: string): boolean;
  instance(instanceId: string): InstanceInfo | undefined;
}

/** Seams are filled in as services are built; a service checks for the one it needs when it needs it. */
export interface SandboxSeams {
  logs?: LogSink;
  secrets?: SecretReader;
  targets?: TargetRegistry;
  metrics?: MetricSink;
  alarms?: AlarmRegistry;
  scalingPolicies?: ScalingPolicyInvoker;
  scalableServices?: ScalableServices;
  events?: EventPublisher;
  caller?: ServiceCaller;
  network?: NetworkDirectory;
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
