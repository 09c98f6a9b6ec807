// Pure: the AWS API calls each command can make, and the IAM actions they need (the table behind `iam-policy`).
import { UsageError } from '../core/errors.js';

/** API calls as `<endpoint service>:<Operation>`, the way the wire (and the sandbox's call log) names them. */
const DEPLOY_WAIT = ['ecs:DescribeServices', 'ecs:ListServiceDeployments', 'ecs:DescribeServiceDeployments', 'ecs:ListTasks', 'ecs:DescribeTasks', 'ecs:DescribeTaskDefinition', 'logs:GetLogEvents'];

export const COMMAND_CALLS: Readonly<Record<string, readonly string[]>> = {
  init: ['ecs:DescribeServices', 'ecs:DescribeTaskDefinition'],
  render: [],
  diff: ['ecs:DescribeServices', 'ecs:DescribeTaskDefinition'],
  verify: ['ecs:DescribeClusters', 'ecr:DescribeImages', 'ssm:GetParameter', 'secretsmanager:DescribeSecret', 'logs:DescribeLogGroups', 'elbv2:DescribeTargetGroups'],
  register: ['ecs:RegisterTaskDefinition'],
  deploy: [...DEPLOY_WAIT, 'ecs:RegisterTaskDefinition', 'ecs:CreateService', 'ecs:UpdateService', 'ecs:TagResource', 'ecs:UntagResource',
    'application-autoscaling:DescribeScalableTargets', 'application-autoscaling:RegisterScalableTarget'],
  refresh: [...DEPLOY_WAIT, 'ecs:UpdateService', 'ecs:TagResource', 'ecs:UntagResource'],
  scale: ['ecs:DescribeServices', 'ecs:UpdateService'],
  wait: ['ecs:DescribeServices', 'ecs:ListServiceDeployments', 'ecs:DescribeServiceDeployments'],
  rollback: ['ecs:DescribeServices', 'ecs:ListServiceDeployments', 'ecs:DescribeServiceDeployments', 'ecs:StopServiceDeployment', 'ecs:ListTaskDefinitions', 'ecs:UpdateService', 'ecs:DeregisterTaskDefinition'],
  status: ['ecs:DescribeServices', 'ecs:ListTasks', 'ecs:DescribeTasks'],
  revisions: ['ecs:DescribeServices', 'ecs:ListTaskDefinitions', 'ecs:DescribeTaskDefinition'],
  deregister: ['ecs:ListTaskDefinitions', 'ecs:DescribeServices', 'ecs:ListTasks', 'ecs:DescribeTasks', 'ecs:DeregisterTaskDefinition', 'ecs:DeleteTaskDefinitions'],
  delete: ['ecs:DescribeServices', 'ecs:DeleteService'],
  run: ['ecs:DescribeServices', 'ecs:DescribeTaskDefinition', 'ecs:RegisterTaskDefinition', 'ecs:RunTask', 'ecs:DescribeTasks', 'logs:GetLogEvents'],
  logs: ['logs:FilterLogEvents'],
  exec: ['ecs:ListTasks', 'ecs:DescribeTasks', 'ecs:ExecuteCommand'],
  tag: ['ecr:DescribeImages'],
  'iam-policy': [],
};

/** Commands that render definitions (and so call what the templates' plugins call). */
export const RENDERING = new Set(['render', 'diff', 'verify', 'register', 'deploy', 'refresh', 'scale', 'wait', 'rollback', 'status', 'revisions', 'deregister', 'delete', 'run', 'logs', 'exec']);

/** Commands whose calls register a task definition or start tasks with its roles: they need iam:PassRole. */
export const PASSES_ROLES = new Set(['register', 'deploy', 'run']);

const PREFIX: Readonly<Record<string, string>> = {
  ecs: 'ecs', logs: 'logs', ssm: 'ssm', secretsmanager: 'secretsmanager', s3: 's3', sts: 'sts', ecr: 'ecr',
  'application-autoscaling': 'application-autoscaling', elbv2: 'elasticloadbalancing',
};

/** The IAM action an API call needs: `elbv2:DescribeTargetGroups` → `elasticloadbalancing:DescribeTargetGroups`. */
export function iamAction(service: string, operation: string): string {
  const prefix = PREFIX[service];
  if (!prefix) throw new Error(`no IAM prefix known for service ${service}`);
  if (service === 's3' && operation === 'HeadObject') return 's3:GetObject';
  return `${prefix}:${operation}`;
}

export const ALL_COMMANDS = Object.keys(COMMAND_CALLS).sort();

export function checkCommands(commands: readonly string[]): readonly string[] {
  const unknown = commands.filter((c) => !(c in COMMAND_CALLS));
  if (unknown.length) throw new UsageError('BAD_ARGUMENTS', `iam-policy: unknown command ${unknown.map((c) => JSON.stringify(c)).join(', ')}; commands: ${ALL_COMMANDS.join(', ')}`);
  return commands.length ? commands : ALL_COMMANDS;
}
