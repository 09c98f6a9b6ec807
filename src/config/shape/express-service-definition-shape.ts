// CreateExpressGatewayService's input shape (an Express service definition file), for errors before any call.
import { S, type Shape } from './shape.js';

const ARN = S.str(/^arn:/, 'an ARN (arn:aws:...)');

export const EXPRESS_SERVICE_DEFINITION: Shape = S.struct({
  serviceName: S.str(/^[A-Za-z0-9_-]{1,255}$/, 'up to 255 letters, digits, hyphens and underscores'),
  cluster: S.str(),
  infrastructureRoleArn: ARN,
  executionRoleArn: ARN,
  taskRoleArn: ARN,
  taskDefinitionArn: S.str(),
  healthCheckPath: S.str(/^\//, 'a path starting with "/" such as "/health"'),
  primaryContainer: S.struct(
    {
      image: S.str(/\S/, 'a container image such as "nginx:latest"'),
      containerPort: S.int(1, 65535),
      awsLogsConfiguration: S.struct({ logGroup: S.str(), logStreamPrefix: S.str() }, ['logGroup', 'logStreamPrefix']),
      repositoryCredentials: S.struct({ credentialsParameter: S.str() }),
      command: S.list(S.str()),
      environment: S.list(S.struct({ name: S.str(), value: S.str() })),
      secrets: S.list(S.struct({ name: S.str(), valueFrom: S.str() }, ['name', 'valueFrom'])),
    },
    ['image'],
  ),
  networkConfiguration: S.struct({ securityGroups: S.list(S.str()), subnets: S.list(S.str()) }),
  cpu: S.str(/^\d+$/, 'CPU units as a string such as "1024"'),
  memory: S.str(/^\d+$/, 'MiB as a string such as "2048"'),
  cpuArchitecture: S.oneOf('X86_64', 'ARM64'),
  scalingTarget: S.struct({
    minTaskCount: S.int(0),
    maxTaskCount: S.int(1),
    autoScalingMetric: S.oneOf('AVERAGE_CPU', 'AVERAGE_MEMORY', 'REQUEST_COUNT_PER_TARGET'),
    autoScalingTargetValue: S.any,
  }),
  tags: S.list(S.struct({ key: S.str(), value: S.str() }, ['key'])),
});

/** What DescribeExpressGatewayService reports and a definition cannot set. */
export const EXPRESS_SERVICE_DEFINITION_READ_ONLY = [
  'serviceArn',
  'status',
  'currentDeployment',
  'activeConfigurations',
  'createdAt',
  'updatedAt',
] as const;
