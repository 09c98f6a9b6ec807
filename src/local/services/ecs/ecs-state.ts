// ECS state as plain, JSON-serialisable records (timestamps in epoch ms), so --state-dir can persist it as is.
import type { ExpressRecord } from './express-handlers.js';
import type { NativeProgress } from './native-progress.js';

export interface TagRecord {
  readonly key: string;
  readonly value: string;
}

export type Json = Record<string, unknown>;

export interface ClusterRecord {
  readonly name: string;
  readonly arn: string;
  status: 'ACTIVE' | 'INACTIVE';
  tags: TagRecord[];
  settings: Json[];
  configuration?: Json;
  capacityProviders: string[];
  defaultCapacityProviderStrategy: Json[];
  serviceConnectDefaults?: Json;
  readonly createdAt: number;
  stamp: number;
}

export interface TaskDefinitionRecord {
  readonly arn: string;
  readonly family: string;
  readonly revision: number;
  status: 'ACTIVE' | 'INACTIVE' | 'DELETE_IN_PROGRESS';
  /** The TaskDefinition output shape without the status/timestamps (normalised at registration). */
  readonly body: Json;
  readonly registeredAt: number;
  deregisteredAt?: number;
  deleteRequestedAt?: number;
  tags: TagRecord[];
  stamp: number;
}

/** What a deployment runs: the deployable part of a service (a service revision holds the same). */
export interface DeployableConfig {
  readonly taskDefinition: string;
  /** FARGATE or EC2: what the tasks run as (with a capacity provider strategy, what its providers are). */
  readonly launchType: string;
  /** Given instead of a launch type (or taken from the cluster's default strategy); DescribeServices then shows no launchType. */
  readonly capacityProviderStrategy?: readonly Json[];
  readonly platformVersion?: string;
  readonly networkConfiguration?: Json;
  readonly loadBalancers: readonly LoadBalancerRef[];
  readonly serviceRegistries: readonly Json[];
  /** Stored and reported under the deployment and revision, as AWS does (not emulated: no proxy, no volume). */
  readonly serviceConnectConfiguration?: Json;
  readonly volumeConfigurations?: readonly Json[];
  readonly vpcLatticeConfigurations?: readonly Json[];
  /** [API:ECS MonitoringConfiguration]: part of the service revision; 20 s metric resolution (see usage-metrics.ts). */
  readonly monitoring?: Json;
}

export interface LoadBalancerRef {
  readonly targetGroupArn?: string;
  readonly loadBalancerName?: string;
  readonly containerName?: string;
  readonly containerPort?: number;
  readonly advancedConfiguration?: AdvancedConfiguration;
}

/** [API:ECS AdvancedConfiguration]: what BLUE_GREEN, CANARY and LINEAR deployments shift traffic with. */
export interface AdvancedConfiguration {
  readonly alternateTargetGroupArn: string;
  readonly productionListenerRule: string;
  readonly testListenerRule?: string;
  readonly roleArn: string;
}

export type DeploymentStatus = 'PRIMARY' | 'ACTIVE' | 'INACTIVE';
export type RolloutState = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

export interface DeploymentRecord {
  readonly id: string;
  status: DeploymentStatus;
  readonly config: DeployableConfig;
  desiredCount: number;
  readonly createdAt: number;
  updatedAt: number;
  rolloutState: RolloutState;
  rolloutStateReason: string;
  failedTasks: number;
  readonly serviceDeploymentArn: string;
  readonly serviceRevisionArn: string;
  /** The id named in "deployment completed" (a rollback names the deployment it restores). */
  readonly messageId: string;
  /** Set on a rollback deployment: the service deployment whose rollback it carries out. */
  readonly rollbackOf?: string;
  /** The target group each loadBalancers entry registers tasks into, when it is not `targetGroupArn` (blue/green family). */
  readonly targetGroups?: readonly string[];
}

export type ServiceDeploymentStatus =
  | 'PENDING'
  | 'SUCCESSFUL'
  | 'STOPPED'
  | 'STOP_REQUESTED'
  | 'IN_PROGRESS'
  | 'ROLLBACK_REQUESTED'
  | 'ROLLBACK_IN_PROGRESS'
  | 'ROLLBACK_SUCCESSFUL'
  | 'ROLLBACK_FAILED';

export interface ServiceDeploymentRecord {
  readonly arn: string;
  readonly serviceArn: string;
  readonly clusterArn: string;
  readonly createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  stoppedAt?: number;
  updatedAt: number;
  readonly sourceRevisionArns: readonly string[];
  readonly targetRevisionArn: string;
  readonly deploymentId: string;
  status: ServiceDeploymentStatus;
  statusReason?: string;
  readonly deploymentConfiguration: Json;
  rollback?: { readonly reason: string; readonly startedAt: number; readonly serviceRevisionArn: string };
  circuitBreaker: { status: 'TRIGGERED' | 'MONITORING' | 'MONITORING_COMPLETE' | 'DISABLED'; failureCount: number; threshold: number };
  /** BLUE_GREEN, CANARY and LINEAR deployments: their lifecycle stages, hooks and requested weights. */
  native?: NativeProgress;
}

export interface ServiceRevisionRecord {
  readonly arn: string;
  readonly serviceArn: string;
  readonly clusterArn: string;
  readonly config: DeployableConfig;
  readonly containerImages: readonly { readonly containerName: string; readonly image: string }[];
  readonly createdAt: number;
  /** The target group that serves the revision, per load balancer (resolvedConfiguration.loadBalancers). */
  readonly resolvedLoadBalancers?: readonly { readonly targetGroupArn: string; readonly productionListenerRule?: string }[];
}

export interface ServiceEventRecord {
  readonly id: string;
  readonly createdAt: number;
  readonly message: string;
}

export interface ServiceRecord {
  readonly arn: string;
  readonly name: string;
  readonly clusterName: string;
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  desiredCount: number;
  config: DeployableConfig;
  deploymentConfiguration: Json;
  readonly deploymentController: Json;
  healthCheckGracePeriodSeconds?: number;
  enableECSManagedTags: boolean;
  enableExecuteCommand: boolean;
  propagateTags: string;
  readonly schedulingStrategy: string;
  placementConstraints: Json[];
  placementStrategy: Json[];
  availabilityZoneRebalancing?: string;
  tags: TagRecord[];
  readonly createdAt: number;
  readonly createdBy: string;
  readonly roleArn?: string;
  events: ServiceEventRecord[];
  /** Newest first; a retired deployment leaves the list (a deleted service keeps its last ones, INACTIVE). */
  deployments: DeploymentRecord[];
  currentServiceDeployment?: string;
  /** The deployment whose rollout last COMPLETED: what a rollback restores. */
  lastCompleted?: { readonly deploymentId: string; readonly serviceRevisionArn: string };
  /** CODE_DEPLOY services: their task sets, newest first (DRAINING ones leave once their tasks have stopped). */
  taskSets?: TaskSetRecord[];
  /** When the steady-state event was last posted while steady (undefined: not steady). */
  steadySince?: number | undefined;
  /** Message → when it was posted, for AWS's "not again within six hours unless resolved" rule. */
  notices: Record<string, number>;
  stamp: number;
  /** Express Mode services (express-handlers.ts): what ECS made for it and its configuration revisions. */
  express?: ExpressRecord;
}

/** [API:ECS TaskSet]: a set of tasks of a CODE_DEPLOY service, scaled as a percent of the service's desired count. */
export interface TaskSetRecord {
  readonly id: string;
  readonly arn: string;
  status: 'PRIMARY' | 'ACTIVE' | 'DRAINING';
  readonly startedBy?: string;
  readonly externalId?: string;
  readonly config: DeployableConfig;
  scalePercent: number;
  readonly createdAt: number;
  updatedAt: number;
  stabilityStatus: 'STEADY_STATE' | 'STABILIZING';
  stabilityStatusAt: number;
}

export type TaskStatus = 'PROVISIONING' | 'PENDING' | 'ACTIVATING' | 'RUNNING' | 'DEACTIVATING' | 'STOPPING' | 'DEPROVISIONING' | 'STOPPED';

export interface ContainerRecord {
  readonly name: string;
  readonly arn: string;
  readonly image: string;
  readonly runtimeId: string;
  lastStatus: 'PENDING' | 'RUNNING' | 'STOPPED';
  exitCode?: number | undefined;
  reason?: string | undefined;
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
  readonly essential: boolean;
  readonly cpu?: number;
  readonly memory?: number;
  readonly memoryReservation?: number;
  readonly ports: readonly { readonly containerPort: number; readonly protocol: string }[];
}

export type TaskStopCode = 'TaskFailedToStart' | 'EssentialContainerExited' | 'UserInitiated' | 'ServiceSchedulerInitiated';

/** Why a task stopped, as the scheduler's failure accounting sees it. */
export type StopCause = 'user' | 'scheduler' | 'unhealthy' | 'failed-to-start' | 'essential-exit' | 'service-deleted';

export interface TaskRecord {
  readonly arn: string;
  readonly id: string;
  readonly clusterName: string;
  readonly taskDefinitionArn: string;
  readonly launchType: string;
  readonly platformVersion?: string;
  readonly cpu?: string;
  readonly memory?: string;
  readonly group: string;
  readonly startedBy?: string;
  readonly serviceName?: string;
  readonly deploymentId?: string;
  readonly overrides: Json;
  tags: TagRecord[];
  readonly enableExecuteCommand: boolean;
  readonly networkConfiguration?: Json;
  readonly loadBalancers: readonly LoadBalancerRef[];
  containers: ContainerRecord[];
  lastStatus: TaskStatus;
  desiredStatus: 'RUNNING' | 'STOPPED';
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
  readonly createdAt: number;
  pullStartedAt?: number;
  pullStoppedAt?: number;
  startedAt?: number;
  connectivityAt?: number;
  stoppingAt?: number;
  executionStoppedAt?: number;
  stoppedAt?: number;
  stopCode?: TaskStopCode;
  stoppedReason?: string;
  stopCause?: StopCause;
  version: number;
  readonly ip: string;
  readonly eni: {
    readonly attachmentId: string;
    readonly networkInterfaceId: string;
    readonly macAddress: string;
    readonly subnetId: string;
  };
  attachmentStatus: 'PRECREATED' | 'ATTACHED' | 'DETACHED' | 'DELETED';
  /** When the scheduler first counted the task healthy (undefined: never). */
  healthySince?: number;
  /** EC2 launch type: the container instance the task was placed on (none when the cluster has no instances). */
  readonly containerInstanceArn?: string;
  /** The capacity provider of the strategy the task was launched with. */
  readonly capacityProviderName?: string;
  stamp: number;
}

/** An EC2 instance registered to a cluster (EC2 launch type); resources in CPU units and MiB. */
export interface ContainerInstanceRecord {
  readonly arn: string;
  readonly id: string;
  readonly clusterName: string;
  readonly ec2InstanceId: string;
  readonly instanceType: string;
  readonly availabilityZone: string;
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  readonly cpu: number;
  readonly memory: number;
  readonly attributes: Json[];
  tags: TagRecord[];
  readonly registeredAt: number;
  version: number;
  stamp: number;
}

/** [API:ECS PutAccountSetting]: settings set for the account (the root user's, which are every principal's default) and per principal. */
export interface AccountSettingsRecord {
  /** Setting name → value set by PutAccountSettingDefault or for the root user. */
  account: Record<string, string>;
  /** Principal ARN → setting name → value. */
  principals: Record<string, Record<string, string>>;
}

/** [API:ECS CapacityProvider]: an Auto Scaling group capacity provider (the group itself is not emulated). */
export interface CapacityProviderRecord {
  readonly name: string;
  readonly arn: string;
  status: 'ACTIVE' | 'INACTIVE';
  updateStatus: string;
  autoScalingGroupProvider: Json;
  tags: TagRecord[];
  stamp: number;
}

export interface EcsState {
  clusters: Record<string, ClusterRecord>;
  /** family → revisions in order (index = revision - 1). */
  taskDefinitions: Record<string, TaskDefinitionRecord[]>;
  /** `${cluster}/${service}` → service. */
  services: Record<string, ServiceRecord>;
  serviceDeployments: Record<string, ServiceDeploymentRecord>;
  serviceRevisions: Record<string, ServiceRevisionRecord>;
  tasks: Record<string, TaskRecord>;
  /** Container instance id → record. */
  containerInstances: Record<string, ContainerInstanceRecord>;
  accountSettings: AccountSettingsRecord;
  /** Capacity providers created with CreateCapacityProvider, by name (FARGATE and FARGATE_SPOT are built in). */
  capacityProviders: Record<string, CapacityProviderRecord>;
}

export const emptyState = (): EcsState => ({
  clusters: {},
  taskDefinitions: {},
  services: {},
  serviceDeployments: {},
  serviceRevisions: {},
  tasks: {},
  containerInstances: {},
  accountSettings: { account: {}, principals: {} },
  capacityProviders: {},
});

export const serviceKey = (cluster: string, service: string): string => `${cluster}/${service}`;
