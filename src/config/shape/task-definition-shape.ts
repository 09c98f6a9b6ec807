// RegisterTaskDefinition's input shape (the fields a task definition file may hold), for precise errors before any call.
import { S, type Shape } from './shape.js';

const NAME = /^[A-Za-z0-9_-]{1,255}$/;
const kv = S.struct({ name: S.str(), value: S.str() });
const secret = S.struct({ name: S.str(), valueFrom: S.str() }, ['name', 'valueFrom']);

export const CONTAINER_DEFINITION: Shape = S.struct(
  {
    name: S.str(NAME, 'up to 255 letters, digits, hyphens and underscores'),
    image: S.str(/^\S+$/, 'an image reference without spaces'),
    repositoryCredentials: S.struct({ credentialsParameter: S.str() }, ['credentialsParameter']),
    cpu: S.int(0),
    memory: S.int(4),
    memoryReservation: S.int(4),
    links: S.list(S.str()),
    portMappings: S.list(
      S.struct({
        containerPort: S.int(0, 65535),
        hostPort: S.int(0, 65535),
        protocol: S.oneOf('tcp', 'udp'),
        name: S.str(),
        appProtocol: S.oneOf('http', 'http2', 'grpc'),
        containerPortRange: S.str(),
      }),
    ),
    essential: S.bool,
    restartPolicy: S.struct({ enabled: S.bool, ignoredExitCodes: S.list(S.int()), restartAttemptPeriod: S.int(60, 1800) }, ['enabled']),
    entryPoint: S.list(S.str()),
    command: S.list(S.str()),
    environment: S.list(kv),
    environmentFiles: S.list(S.struct({ value: S.str(), type: S.oneOf('s3') }, ['value', 'type'])),
    mountPoints: S.list(S.struct({ sourceVolume: S.str(), containerPath: S.str(), readOnly: S.bool })),
    volumesFrom: S.list(S.struct({ sourceContainer: S.str(), readOnly: S.bool })),
    linuxParameters: S.any,
    secrets: S.list(secret),
    dependsOn: S.list(
      S.struct({ containerName: S.str(), condition: S.oneOf('START', 'COMPLETE', 'SUCCESS', 'HEALTHY') }, ['containerName', 'condition']),
    ),
    startTimeout: S.int(0),
    stopTimeout: S.int(0),
    versionConsistency: S.oneOf('enabled', 'disabled'),
    hostname: S.str(),
    user: S.str(),
    workingDirectory: S.str(),
    disableNetworking: S.bool,
    privileged: S.bool,
    readonlyRootFilesystem: S.bool,
    dnsServers: S.list(S.str()),
    dnsSearchDomains: S.list(S.str()),
    extraHosts: S.list(S.struct({ hostname: S.str(), ipAddress: S.str() }, ['hostname', 'ipAddress'])),
    dockerSecurityOptions: S.list(S.str()),
    interactive: S.bool,
    pseudoTerminal: S.bool,
    dockerLabels: S.map(S.str()),
    ulimits: S.list(S.struct({ name: S.str(), softLimit: S.int(), hardLimit: S.int() }, ['name', 'softLimit', 'hardLimit'])),
    logConfiguration: S.struct({ logDriver: S.str(), options: S.map(S.str()), secretOptions: S.list(secret) }, ['logDriver']),
    healthCheck: S.struct(
      { command: S.list(S.str(), 1), interval: S.int(5, 300), timeout: S.int(2, 60), retries: S.int(1, 10), startPeriod: S.int(0, 300) },
      ['command'],
    ),
    systemControls: S.list(S.struct({ namespace: S.str(), value: S.str() })),
    resourceRequirements: S.list(S.struct({ value: S.str(), type: S.oneOf('GPU', 'InferenceAccelerator') }, ['value', 'type'])),
    firelensConfiguration: S.struct({ type: S.oneOf('fluentd', 'fluentbit'), options: S.map(S.str()) }, ['type']),
    credentialSpecs: S.list(S.str()),
  },
  ['name', 'image'],
);

export const TASK_DEFINITION: Shape = S.struct(
  {
    family: S.str(NAME, 'up to 255 letters, digits, hyphens and underscores'),
    taskRoleArn: S.str(),
    executionRoleArn: S.str(),
    networkMode: S.oneOf('bridge', 'host', 'awsvpc', 'none'),
    containerDefinitions: S.list(CONTAINER_DEFINITION, 1),
    volumes: S.list(
      S.struct({
        name: S.str(),
        host: S.struct({ sourcePath: S.str() }),
        configuredAtLaunch: S.bool,
        dockerVolumeConfiguration: S.struct({
          scope: S.oneOf('task', 'shared'),
          autoprovision: S.bool,
          driver: S.str(),
          driverOpts: S.map(S.str()),
          labels: S.map(S.str()),
        }),
        efsVolumeConfiguration: S.any,
        fsxWindowsFileServerVolumeConfiguration: S.any,
      }),
    ),
    placementConstraints: S.list(S.struct({ type: S.oneOf('memberOf'), expression: S.str() })),
    requiresCompatibilities: S.list(S.oneOf('EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES')),
    cpu: S.str(/^\s*\d+(\.\d+)?\s*(vcpu)?\s*$/i, 'CPU units such as "256" or "1 vCPU"'),
    memory: S.str(/^\s*\d+(\.\d+)?\s*(gb|mb)?\s*$/i, 'MiB such as "512" or "1 GB"'),
    tags: S.list(S.struct({ key: S.str(), value: S.str() }, ['key'])),
    pidMode: S.oneOf('host', 'task'),
    ipcMode: S.oneOf('host', 'task', 'none'),
    proxyConfiguration: S.struct({ type: S.oneOf('APPMESH'), containerName: S.str(), properties: S.list(kv) }, ['containerName']),
    inferenceAccelerators: S.list(S.struct({ deviceName: S.str(), deviceType: S.str() }, ['deviceName', 'deviceType'])),
    ephemeralStorage: S.struct({ sizeInGiB: S.int(21, 200) }, ['sizeInGiB']),
    runtimePlatform: S.struct({ cpuArchitecture: S.oneOf('X86_64', 'ARM64'), operatingSystemFamily: S.str() }),
    enableFaultInjection: S.bool,
  },
  ['family', 'containerDefinitions'],
);

/** Fields DescribeTaskDefinition returns that RegisterTaskDefinition does not take (present in files made from AWS output). */
export const TASK_DEFINITION_READ_ONLY = [
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'registeredBy',
  'deregisteredAt',
  'deleteRequestedAt',
] as const;
