// Express Mode services, pure part: the defaults ECS fills in, a configuration revision from a request, and the task definition ECS registers for it.
import type { Json } from './ecs-state.js';

/**
 * [DG:"Resources created by Amazon ECS Express Mode services"]: cpu 1024, memory 2048, X86_64 Linux on Fargate, awsvpc.
 * [API:CreateExpressGatewayService]: container port 80, health check path /ping, log stream prefix `ecs`, target value 60.
 * Task counts and the default metric are not documented: the sandbox uses 1..10 tasks on AVERAGE_CPU.
 */
export const EXPRESS_DEFAULTS = {
  cpu: '1024',
  memory: '2048',
  cpuArchitecture: 'X86_64',
  containerPort: 80,
  healthCheckPath: '/ping',
  logStreamPrefix: 'ecs',
  minTaskCount: 1,
  maxTaskCount: 10,
  autoScalingMetric: 'AVERAGE_CPU',
  autoScalingTargetValue: 60,
} as const;

/** The container name ECS gives the primary container (and requires of a customer task definition). */
export const MAIN_CONTAINER = 'Main';

/** What a configuration revision holds (ExpressGatewayServiceConfiguration without its ARN, ingress and time). */
export interface ExpressSettings {
  readonly executionRoleArn?: string;
  readonly taskRoleArn?: string;
  readonly taskDefinitionArn?: string;
  readonly cpu: string;
  readonly memory: string;
  readonly cpuArchitecture: string;
  readonly networkConfiguration: { readonly subnets: readonly string[]; readonly securityGroups: readonly string[] };
  readonly healthCheckPath: string;
  readonly primaryContainer?: Json;
  readonly scalingTarget: Json;
}

const UPDATABLE = [
  'executionRoleArn',
  'taskRoleArn',
  'healthCheckPath',
  'cpu',
  'memory',
  'cpuArchitecture',
  'primaryContainer',
  'networkConfiguration',
  'scalingTarget',
  'taskDefinitionArn',
] as const;

/** Pure: the request's fields over `base` (UpdateExpressGatewayService keeps what it does not name), defaults filled. */
export function settingsOf(
  input: Json,
  base: ExpressSettings | undefined,
  network: ExpressSettings['networkConfiguration'],
): ExpressSettings {
  const merged: Json = { ...(base ?? {}) };
  for (const k of UPDATABLE) if (input[k] !== undefined) merged[k] = input[k];
  if (input.taskDefinitionArn !== undefined) delete merged.primaryContainer;
  if (input.primaryContainer !== undefined) delete merged.taskDefinitionArn;
  const pc = merged.primaryContainer as Json | undefined;
  const nc = (merged.networkConfiguration as Json | undefined) ?? {};
  const st = (merged.scalingTarget as Json | undefined) ?? {};
  return {
    ...(merged.executionRoleArn ? { executionRoleArn: String(merged.executionRoleArn) } : {}),
    ...(merged.taskRoleArn ? { taskRoleArn: String(merged.taskRoleArn) } : {}),
    ...(merged.taskDefinitionArn ? { taskDefinitionArn: String(merged.taskDefinitionArn) } : {}),
    cpu: String(merged.cpu ?? EXPRESS_DEFAULTS.cpu),
    memory: String(merged.memory ?? EXPRESS_DEFAULTS.memory),
    cpuArchitecture: String(merged.cpuArchitecture ?? EXPRESS_DEFAULTS.cpuArchitecture),
    networkConfiguration: {
      subnets: (nc.subnets as string[] | undefined)?.length ? (nc.subnets as string[]) : network.subnets,
      securityGroups: (nc.securityGroups as string[] | undefined)?.length ? (nc.securityGroups as string[]) : network.securityGroups,
    },
    healthCheckPath: String(merged.healthCheckPath ?? EXPRESS_DEFAULTS.healthCheckPath),
    ...(pc ? { primaryContainer: { ...pc, containerPort: pc.containerPort ?? EXPRESS_DEFAULTS.containerPort } } : {}),
    scalingTarget: {
      minTaskCount: st.minTaskCount ?? EXPRESS_DEFAULTS.minTaskCount,
      maxTaskCount: st.maxTaskCount ?? EXPRESS_DEFAULTS.maxTaskCount,
      autoScalingMetric: st.autoScalingMetric ?? EXPRESS_DEFAULTS.autoScalingMetric,
      autoScalingTargetValue: st.autoScalingTargetValue ?? EXPRESS_DEFAULTS.autoScalingTargetValue,
    },
  };
}

/** Pure: the request errors ECS answers before it provisions anything (InvalidParameterException messages). */
export function settingsProblem(input: Json, creating: boolean): string | undefined {
  const hasTd = input.taskDefinitionArn !== undefined;
  if (creating && !hasTd && (input.primaryContainer as Json | undefined)?.image === undefined)
    return 'primaryContainer.image must be specified when taskDefinitionArn is not.';
  if (hasTd) {
    const clash = ['primaryContainer', 'executionRoleArn', 'taskRoleArn', 'cpu', 'memory', 'cpuArchitecture'].filter(
      (k) => input[k] !== undefined,
    );
    if (clash.length) return `taskDefinitionArn cannot be specified together with ${clash.join(', ')}.`;
  }
  const st = input.scalingTarget as Json | undefined;
  if (st && typeof st.minTaskCount === 'number' && typeof st.maxTaskCount === 'number' && st.minTaskCount > st.maxTaskCount)
    return 'scalingTarget.minTaskCount must be less than or equal to maxTaskCount.';
  const path = input.healthCheckPath;
  if (typeof path === 'string' && !path.startsWith('/')) return 'healthCheckPath must start with a forward slash.';
  return undefined;
}

/** Pure: the log group ECS creates for the service when the request names none. */
export const defaultLogGroup = (cluster: string, service: string): string => `/aws/ecs/${cluster}/${service}`;

/** Pure: the RegisterTaskDefinition input ECS makes from a configuration (family: the service's name). */
export function taskDefinitionInput(family: string, s: ExpressSettings, region: string, logGroup: string): Json {
  const pc = s.primaryContainer ?? {};
  const logs = (pc.awsLogsConfiguration as Json | undefined) ?? {};
  return {
    family,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: s.cpu,
    memory: s.memory,
    runtimePlatform: { cpuArchitecture: s.cpuArchitecture, operatingSystemFamily: 'LINUX' },
    ...(s.executionRoleArn ? { executionRoleArn: s.executionRoleArn } : {}),
    ...(s.taskRoleArn ? { taskRoleArn: s.taskRoleArn } : {}),
    containerDefinitions: [
      {
        name: MAIN_CONTAINER,
        image: pc.image,
        essential: true,
        portMappings: [{ name: 'main', containerPort: pc.containerPort, protocol: 'tcp', appProtocol: 'http' }],
        ...(pc.command ? { command: pc.command } : {}),
        environment: pc.environment ?? [],
        secrets: pc.secrets ?? [],
        ...(pc.repositoryCredentials ? { repositoryCredentials: pc.repositoryCredentials } : {}),
        logConfiguration: {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': String(logs.logGroup ?? logGroup),
            'awslogs-region': region,
            'awslogs-stream-prefix': String(logs.logStreamPrefix ?? EXPRESS_DEFAULTS.logStreamPrefix),
          },
        },
      },
    ],
  };
}

/** Pure: the primary container as ECS reports it back (the log configuration it chose included). */
export function reportedContainer(s: ExpressSettings, logGroup: string): Json | undefined {
  const pc = s.primaryContainer;
  if (!pc) return undefined;
  const logs = (pc.awsLogsConfiguration as Json | undefined) ?? {};
  return {
    ...pc,
    awsLogsConfiguration: {
      logGroup: logs.logGroup ?? logGroup,
      logStreamPrefix: logs.logStreamPrefix ?? EXPRESS_DEFAULTS.logStreamPrefix,
    },
  };
}

/** Pure: Application Auto Scaling's predefined metric for an Express scaling metric. */
export const PREDEFINED_METRIC: Readonly<Record<string, string>> = {
  AVERAGE_CPU: 'ECSServiceAverageCPUUtilization',
  AVERAGE_MEMORY: 'ECSServiceAverageMemoryUtilization',
  REQUEST_COUNT_PER_TARGET: 'ALBRequestCountPerTarget',
};
