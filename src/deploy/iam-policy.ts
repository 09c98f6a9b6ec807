// `iam-policy`: the least-privilege IAM policy for the commands in use, scoped to the configured service where IAM allows it.
import { readFile } from 'node:fs/promises';
import type { DeployConfig } from '../config/config-types.js';
import { checkCommands, COMMAND_CALLS, iamAction, PASSES_ROLES, RENDERING } from './iam-actions.js';

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/** What the config adds: template plugins' reads and cross-account assume-role. */
export interface ConfigFeatures {
  readonly region?: string;
  readonly cluster?: string;
  readonly service?: string;
  readonly family?: string;
  readonly usesSsm: boolean;
  readonly usesSecretsManager: boolean;
  readonly tfstateObjects: readonly string[];
  /** An Express service (express_service_definition): deploy passes its infrastructure role to ECS. */
  readonly express?: boolean;
  readonly assumeRoleArn?: string;
}

/** Actions that accept the service ARN as their resource. */
const SERVICE_SCOPED = new Set([
  'ecs:CreateService',
  'ecs:UpdateService',
  'ecs:DeleteService',
  'ecs:DescribeServices',
  'ecs:ListServiceDeployments',
  'ecs:CreateExpressGatewayService',
  'ecs:UpdateExpressGatewayService',
  'ecs:DescribeExpressGatewayService',
  'ecs:DeleteExpressGatewayService',
]);

/** Canary releases and preview environments act on other services than the configured one (the canary, the copies). */
const actsOnOtherServices = (command: string): boolean => command.startsWith('canary ') || command.startsWith('env ');

const isRead = (action: string): boolean => /^[\w-]+:(Describe|List|Get|Filter)/.test(action);

const actionsOf = (commands: readonly string[]): Set<string> =>
  new Set(
    commands.flatMap((c) =>
      COMMAND_CALLS[c]!.map((call) => {
        const [svc, op] = call.split(':');
        return iamAction(svc!, op!);
      }),
    ),
  );

/** Pure: the policy for `commands` (iam-policy's words: `deploy`, `canary start`, `env`, ...) given what the config uses. */
export function buildPolicy(commands: readonly string[], f: ConfigFeatures): PolicyDocument {
  const list = checkCommands(commands);
  const actions = actionsOf(list);
  /** Service actions that some command needs on a service other than the configured one: not scoped. */
  const unscoped = actionsOf(list.filter(actsOnOtherServices));
  if (list.some((c) => RENDERING.has(c))) {
    if (f.usesSsm) actions.add('ssm:GetParameter');
    if (f.usesSecretsManager) actions.add('secretsmanager:DescribeSecret');
  }
  const region = f.region ?? '*';
  const statements: PolicyStatement[] = [];
  const isScoped = (a: string) => SERVICE_SCOPED.has(a) && !unscoped.has(a);
  const scoped = [...actions].filter(isScoped).sort();
  if (scoped.length)
    statements.push({
      Sid: 'Service',
      Effect: 'Allow',
      Action: scoped,
      Resource: f.cluster && f.service ? `arn:aws:ecs:${region}:*:service/${f.cluster}/${f.service}` : '*',
    });
  if (actions.has('ecs:RunTask')) {
    actions.delete('ecs:RunTask');
    statements.push({
      Sid: 'RunTask',
      Effect: 'Allow',
      Action: ['ecs:RunTask'],
      Resource: f.family ? `arn:aws:ecs:${region}:*:task-definition/${f.family}:*` : '*',
    });
  }
  const rest = [...actions].filter((a) => !isScoped(a) && !a.startsWith('s3:')).sort();
  const reads = rest.filter(isRead);
  const writes = rest.filter((a) => !isRead(a));
  if (reads.length) statements.push({ Sid: 'Read', Effect: 'Allow', Action: reads, Resource: '*' });
  if (writes.length) statements.push({ Sid: 'Write', Effect: 'Allow', Action: writes, Resource: '*' });
  if (list.some((c) => PASSES_ROLES.has(c))) {
    statements.push({
      Sid: 'PassTaskRoles',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: '*',
      Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
    });
  }
  if (f.express && list.includes('deploy')) {
    statements.push({
      Sid: 'PassInfrastructureRole',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: '*',
      Condition: { StringEquals: { 'iam:PassedToService': 'ecs.amazonaws.com' } },
    });
  }
  if (f.tfstateObjects.length && list.some((c) => RENDERING.has(c))) {
    statements.push({
      Sid: 'TerraformState',
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: f.tfstateObjects.map((o) => `arn:aws:s3:::${o}`),
    });
  }
  const s3 = [...actions].filter((a) => a.startsWith('s3:')).sort();
  // `env publish` writes the endpoints document to the s3://bucket/key given on its command line: any object.
  if (s3.length) statements.push({ Sid: 'PublishEndpoints', Effect: 'Allow', Action: s3, Resource: 'arn:aws:s3:::*/*' });
  if (f.assumeRoleArn) statements.push({ Sid: 'AssumeDeployRole', Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: f.assumeRoleArn });
  return { Version: '2012-10-17', Statement: statements };
}

/** Reads the config's definition files as text (no rendering, no AWS call) to see which template functions they use. */
export async function configFeatures(config: DeployConfig | undefined): Promise<ConfigFeatures> {
  if (!config) return { usesSsm: false, usesSecretsManager: false, tfstateObjects: [] };
  const texts = await Promise.all(
    [config.taskDefinitionPath, config.serviceDefinitionPath, config.expressServiceDefinitionPath]
      .filter((p): p is string => Boolean(p))
      .map((p) => readFile(p, 'utf8').catch(() => '')),
  );
  const all = texts.join('\n');
  const family = /"family"\s*:\s*"([A-Za-z0-9_-]+)"|family:\s*['"]?([A-Za-z0-9_-]+)/.exec(all);
  const tfstateObjects = config.plugins
    .filter((p) => p.name.toLowerCase() === 'tfstate' && typeof p.config.url === 'string' && p.config.url.startsWith('s3://'))
    .map((p) => (p.config.url as string).slice('s3://'.length));
  return {
    ...(config.region ? { region: config.region } : {}),
    cluster: config.cluster,
    ...(config.service ? { service: config.service } : {}),
    ...(family ? { family: family[1] ?? family[2]! } : {}),
    usesSsm: /\bssm(_list)?\b/.test(all),
    usesSecretsManager: /secretsmanager_arn/.test(all),
    tfstateObjects,
    ...(config.expressServiceDefinitionPath ? { express: true } : {}),
    ...(config.assumeRoleArn ? { assumeRoleArn: config.assumeRoleArn } : {}),
  };
}
