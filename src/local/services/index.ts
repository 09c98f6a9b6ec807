// Every service the sandbox serves, built in dependency order (seams first: logs, secrets, targets, metrics).
import type { SandboxEnv } from '../env.js';
import type { SandboxOptions } from '../options.js';
import type { SandboxService } from '../service.js';
import { createStsService } from './sts/sts-service.js';
import { createLogsService } from './logs/logs-service.js';
import { createSsmService } from './ssm/ssm-service.js';
import { createSecretsManagerService } from './secretsmanager/secretsmanager-service.js';
import { createApplicationAutoScalingService } from './application-autoscaling/application-autoscaling-service.js';
import { createS3Service } from './s3/s3-service.js';
import { createCloudWatchService } from './cloudwatch/cloudwatch-service.js';
import { createRoute53Service } from './route53/route53-service.js';
import { createEc2Service } from './ec2/ec2-service.js';
import { createElbv2Service } from './elbv2/elbv2-service.js';
import { createEcsService } from './ecs/ecs-service.js';
import { createEcrService } from './ecr/ecr-service.js';
import { createIamService } from './iam/iam-service.js';
import { createSchedulerService } from './scheduler/scheduler-service.js';
import { createEventsService } from './events/events-service.js';
import { createCodeDeployService } from './codedeploy/codedeploy-service.js';

export type ServiceFactory = (env: SandboxEnv, options: SandboxOptions) => SandboxService;

export const SERVICE_FACTORIES: readonly ServiceFactory[] = [
  createStsService,
  createLogsService,
  createSsmService,
  createSecretsManagerService,
  createApplicationAutoScalingService,
  createS3Service,
  createCloudWatchService,
  createRoute53Service,
  createEc2Service,
  createElbv2Service,
  createEcsService,
  createEcrService,
  createIamService,
  createEventsService,
  createSchedulerService,
  createCodeDeployService,
];

/** Services whose state is one per account, whatever region a request is signed for (IAM, Route 53, S3's names, STS). */
export const GLOBAL_FACTORIES: ReadonlySet<ServiceFactory> = new Set([
  createStsService,
  createS3Service,
  createRoute53Service,
  createIamService,
]);
