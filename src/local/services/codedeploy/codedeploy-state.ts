// CodeDeploy state as plain records (timestamps in epoch ms), and the errors its handlers share.
import { AwsError } from '../../aws-error.js';

export type Json = Record<string, unknown>;

export interface ApplicationRecord {
  readonly id: string;
  readonly name: string;
  readonly computePlatform: string;
  readonly createdAt: number;
}

export interface DeploymentGroupRecord {
  readonly id: string;
  readonly applicationName: string;
  name: string;
  /** The CreateDeploymentGroup input members AWS echoes back in DeploymentGroupInfo, as last set. */
  settings: Json;
}

export type DeploymentStatus = 'Created' | 'Queued' | 'InProgress' | 'Baking' | 'Succeeded' | 'Failed' | 'Stopped' | 'Ready';

export const LIFECYCLE_EVENTS = [
  'BeforeInstall',
  'Install',
  'AfterInstall',
  'AllowTestTraffic',
  'AfterAllowTestTraffic',
  'BeforeAllowTraffic',
  'AllowTraffic',
  'AfterAllowTraffic',
] as const;
export type LifecycleEventName = (typeof LIFECYCLE_EVENTS)[number];

export interface LifecycleEventRecord {
  readonly name: LifecycleEventName;
  status: 'Pending' | 'InProgress' | 'Succeeded' | 'Failed' | 'Skipped' | 'Unknown';
  startTime?: number;
  endTime?: number;
}

/** One ECS target's task set as GetDeploymentTarget reports it. */
export interface TaskSetSide {
  readonly label: 'Blue' | 'Green';
  readonly targetGroupName: string;
  readonly targetGroupArn: string;
  taskSetId?: string;
  trafficWeight: number;
}

export interface DeploymentRecord {
  readonly id: string;
  readonly applicationName: string;
  readonly deploymentGroupName: string;
  readonly deploymentConfigName: string;
  readonly revision: Json;
  readonly description?: string;
  readonly creator: 'user' | 'autoRollback';
  /** The deployment group's settings when the deployment was created. */
  readonly group: Json;
  autoRollback: { readonly enabled: boolean; readonly events: readonly string[] };
  status: DeploymentStatus;
  readonly createdAt: number;
  startedAt?: number;
  completedAt?: number;
  errorInformation?: { readonly code: string; readonly message: string };
  rollbackInfo?: Json;
  lifecycle: LifecycleEventRecord[];
  /** ECS target (`cluster:service`) and its blue and green sides, once the deployment has started. */
  target?: { readonly cluster: string; readonly service: string; readonly serviceArn: string; blue: TaskSetSide; green: TaskSetSide };
  /** When the replacement is ready and waits for ContinueDeployment(DEPLOYMENT_READY) or the wait time. */
  readySince?: number;
  continued?: boolean;
  terminationWaitStarted?: number;
  /** Set by StopDeployment: the runner stops at its next step. */
  stopRequest?: { readonly autoRollback: boolean };
  /** Where the runner is: see ecs-blue-green.ts. */
  phase: 'start' | 'install' | 'ready' | 'shift' | 'terminate' | 'done';
  /** The next step of the shift plan, and when the last one was taken. */
  step: number;
  stepAt?: number;
  /** When the replacement task set started installing (for the install timeout). */
  installStarted?: number;
  /** The parsed AppSpec. */
  readonly appSpec: {
    readonly taskDefinition: string;
    readonly containerName: string;
    readonly containerPort: number;
    readonly platformVersion?: string;
    readonly networkConfiguration?: Json;
  };
  updatedAt: number;
}

export interface DeploymentConfigRecord {
  readonly id: string;
  readonly name: string;
  readonly computePlatform: string;
  readonly trafficRoutingConfig?: Json;
  readonly minimumHealthyHosts?: Json;
  readonly createdAt: number;
}

export interface CodeDeployState {
  applications: Record<string, ApplicationRecord>;
  /** `${application}/${group}` → group. */
  groups: Record<string, DeploymentGroupRecord>;
  deployments: Record<string, DeploymentRecord>;
  configs: Record<string, DeploymentConfigRecord>;
}

export const emptyCodeDeployState = (): CodeDeployState => ({ applications: {}, groups: {}, deployments: {}, configs: {} });

export const groupKey = (app: string, group: string): string => `${app}/${group}`;

export const err = (code: string, message: string): AwsError => new AwsError(code, message);

export function requireApplication(state: CodeDeployState, name: unknown): ApplicationRecord {
  if (typeof name !== 'string' || name === '')
    throw err('ApplicationNameRequiredException', 'The minimum number of required application names was not specified.');
  const app = state.applications[name];
  if (!app) throw err('ApplicationDoesNotExistException', `No application found for name: ${name}`);
  return app;
}

export function requireGroup(state: CodeDeployState, app: string, name: unknown): DeploymentGroupRecord {
  if (typeof name !== 'string' || name === '')
    throw err('DeploymentGroupNameRequiredException', 'The deployment group name was not specified.');
  const g = state.groups[groupKey(app, name)];
  if (!g) throw err('DeploymentGroupDoesNotExistException', `No Deployment Group found for name: ${name}`);
  return g;
}

export function requireDeployment(state: CodeDeployState, id: unknown): DeploymentRecord {
  if (typeof id !== 'string' || id === '') throw err('DeploymentIdRequiredException', 'At least one deployment ID must be specified.');
  if (!/^d-[A-Z0-9]{9}$/.test(id)) throw err('InvalidDeploymentIdException', `Specified DeploymentId is not in the valid format: ${id}`);
  const d = state.deployments[id];
  if (!d) throw err('DeploymentDoesNotExistException', `The deployment ${id} could not be found.`);
  return d;
}

export const FINAL: ReadonlySet<DeploymentStatus> = new Set(['Succeeded', 'Failed', 'Stopped']);
