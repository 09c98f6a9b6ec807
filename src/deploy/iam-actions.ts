// Pure: the AWS API calls each command can make, and the IAM actions they need (the table behind `iam-policy`).
import { UsageError } from '../core/errors.js';

/** API calls as `<endpoint service>:<Operation>`, the way the wire (and the sandbox's call log) names them. */
const DEPLOY_WAIT = [
  'ecs:DescribeServices',
  'ecs:ListServiceDeployments',
  'ecs:DescribeServiceDeployments',
  'ecs:ListTasks',
  'ecs:DescribeTasks',
  'ecs:DescribeTaskDefinition',
  'logs:GetLogEvents',
];

// Canary releases (src/canary/aws/canary-aws.ts lists the seam). State lives in tags on the canary service (ALB) or the
// service (ECS native); both routers' calls are listed, so one policy serves either router.
/** Reading the recorded release: the service and its state tags. */
const CANARY_READ = ['ecs:DescribeServices', 'ecs:ListTagsForResource'];
/** Routers reading the route: the listener rule (or listener default action) and the target groups. */
const CANARY_ROUTE_READ = ['elbv2:DescribeRules', 'elbv2:DescribeListeners', 'elbv2:DescribeTargetGroups'];
/** Analysis: CloudWatch metrics (Prometheus and HTTP providers call no AWS API). */
const CANARY_ANALYSIS = ['cloudwatch:GetMetricData'];
/**
 * A controller driving a release (start, and promote/abort/resume when no live controller holds it): the lease and state
 * tags, the canary deployed and scaled (ALB), weights set on the listener rule or default action (ALB), and ECS native
 * deployments followed, continued past their lifecycle hooks or rolled back.
 */
const CANARY_DRIVE = [
  ...CANARY_READ,
  ...CANARY_ROUTE_READ,
  ...CANARY_ANALYSIS,
  'ecs:TagResource',
  'ecs:UntagResource',
  'ecs:UpdateService',
  'elbv2:ModifyRule',
  'elbv2:ModifyListener',
  'ecs:ListServiceDeployments',
  'ecs:DescribeServiceDeployments',
  'ecs:DescribeServiceRevisions',
  'ecs:ContinueServiceDeployment',
  'ecs:StopServiceDeployment',
  // canary.header_route: the tagged rule in front of the stable one; canary.baseline: the baseline service and its group.
  'elbv2:CreateRule',
  'elbv2:DeleteRule',
  'elbv2:DescribeTags',
  'elbv2:AddTags',
  'ecs:CreateService',
  'ecs:DeleteService',
  'elbv2:CreateTargetGroup',
  'elbv2:DeleteTargetGroup',
];

// The autoscaler (src/autoscale/autoscale-aws.ts lists the seam).
const AUTOSCALE_READ = [
  'ecs:DescribeServices',
  'ecs:ListTasks',
  'ecs:DescribeTasks',
  'ecs:ListTagsForResource',
  'application-autoscaling:DescribeScalableTargets',
  'cloudwatch:GetMetricData',
  'elbv2:DescribeTargetGroups',
];

// Preview environments (src/preview/preview-aws.ts lists the seam).
/** Finding an environment's pieces by tag, and the shared load balancer and hosted zone. */
const PREVIEW_FIND = [
  'ecs:ListServices',
  'ecs:DescribeServices',
  'ecs:ListTagsForResource',
  'ecs:ListTaskDefinitionFamilies',
  'ecs:ListTaskDefinitions',
  'elbv2:DescribeTargetGroups',
  'elbv2:DescribeTags',
  'elbv2:DescribeListeners',
  'elbv2:DescribeLoadBalancers',
  'elbv2:DescribeRules',
  'route53:GetHostedZone',
  'route53:ListHostedZonesByName',
  'route53:ListResourceRecordSets',
];
/** Deleting an environment's pieces in reverse dependency order. */
const PREVIEW_DELETE = [
  'ecs:DeleteService',
  'ecs:DeregisterTaskDefinition',
  'ecs:DeleteTaskDefinitions',
  'elbv2:DeleteRule',
  'elbv2:DeleteTargetGroup',
  'route53:ChangeResourceRecordSets',
];
/** Listing: each environment's image from its task definition. */
const PREVIEW_LIST = [...PREVIEW_FIND, 'ecs:DescribeTaskDefinition'];

// Scheduled jobs (src/schedules: the jobs' defaults from ECS, cortado's schedule group, the scheduler role, the history rule).
/** What the jobs default to: the cluster, the service's revision and network, each task definition. */
const SCHEDULE_RESOLVE = ['ecs:DescribeClusters', 'ecs:DescribeServices', 'ecs:DescribeTaskDefinition'];
/** cortado's group (checked by its tags) and its schedules. */
const SCHEDULE_READ = ['scheduler:GetScheduleGroup', 'scheduler:ListTagsForResource', 'scheduler:ListSchedules', 'scheduler:GetSchedule'];
/** Planning apply: the above, the role and its policy, the history log group and rule. */
const SCHEDULE_PLAN = [
  ...SCHEDULE_RESOLVE,
  ...SCHEDULE_READ,
  'iam:GetRole',
  'iam:GetRolePolicy',
  'logs:DescribeLogGroups',
  'logs:DescribeResourcePolicies',
  'events:DescribeRule',
  'events:ListTargetsByRule',
];
/** Runs: recorded task state changes, recent tasks from ECS, each run's last log line. */
const SCHEDULE_RUNS = ['logs:FilterLogEvents', 'ecs:ListTasks', 'ecs:DescribeTasks', 'ecs:DescribeTaskDefinition', 'logs:GetLogEvents'];

/** CODE_DEPLOY services: finding the deployment group (as ecspresso does), following a deployment, creating one. */
const CODEDEPLOY_WAIT = ['codedeploy:GetDeployment', 'codedeploy:ListDeploymentTargets', 'codedeploy:GetDeploymentTarget'];
const CODEDEPLOY_DEPLOY = [
  'codedeploy:ListApplications',
  'codedeploy:ListDeploymentGroups',
  'codedeploy:BatchGetDeploymentGroups',
  'codedeploy:CreateDeployment',
  ...CODEDEPLOY_WAIT,
];

export const COMMAND_CALLS: Readonly<Record<string, readonly string[]>> = {
  init: ['ecs:DescribeServices', 'ecs:DescribeTaskDefinition'],
  render: [],
  diff: [
    'ecs:DescribeServices',
    'ecs:DescribeTaskDefinition',
    'ecs:DescribeServiceDeployments',
    'ecs:DescribeServiceRevisions',
    'ecs:DescribeExpressGatewayService',
  ],
  verify: [
    'ecs:DescribeClusters',
    'iam:GetRole',
    'ecr:DescribeImages',
    'ssm:GetParameter',
    'secretsmanager:DescribeSecret',
    'logs:DescribeLogGroups',
    'elbv2:DescribeTargetGroups',
  ],
  register: ['ecs:RegisterTaskDefinition'],
  deploy: [
    ...DEPLOY_WAIT,
    'ecs:RegisterTaskDefinition',
    'ecs:CreateService',
    'ecs:UpdateService',
    'ecs:TagResource',
    'ecs:UntagResource',
    'application-autoscaling:DescribeScalableTargets',
    'application-autoscaling:RegisterScalableTarget',
    ...CODEDEPLOY_DEPLOY,
    'ecs:DescribeServiceRevisions',
    // Express services (iam-policy adds passing their infrastructure role to ECS when the config has one).
    'ecs:CreateExpressGatewayService',
    'ecs:UpdateExpressGatewayService',
    'ecs:DescribeExpressGatewayService',
  ],
  refresh: [...DEPLOY_WAIT, 'ecs:UpdateService', 'ecs:TagResource', 'ecs:UntagResource'],
  scale: ['ecs:DescribeServices', 'ecs:UpdateService'],
  wait: [
    'ecs:DescribeServices',
    'ecs:ListServiceDeployments',
    'ecs:DescribeServiceDeployments',
    ...CODEDEPLOY_WAIT,
    'codedeploy:ListDeployments',
  ],
  appspec: ['ecs:DescribeServices', 'ecs:DescribeTaskDefinition'],
  rollback: [
    ...CODEDEPLOY_DEPLOY,
    'codedeploy:ListDeployments',
    'codedeploy:StopDeployment',
    'ecs:DescribeServices',
    'ecs:ListServiceDeployments',
    'ecs:DescribeServiceDeployments',
    'ecs:DescribeServiceRevisions',
    'ecs:StopServiceDeployment',
    'ecs:ListTaskDefinitions',
    'ecs:UpdateService',
    'ecs:DeregisterTaskDefinition',
  ],
  status: ['ecs:DescribeServices', 'ecs:ListTasks', 'ecs:DescribeTasks', 'ecs:DescribeExpressGatewayService'],
  revisions: ['ecs:DescribeServices', 'ecs:ListTaskDefinitions', 'ecs:DescribeTaskDefinition'],
  deregister: [
    'ecs:ListTaskDefinitions',
    'ecs:DescribeServices',
    'ecs:ListTasks',
    'ecs:DescribeTasks',
    'ecs:DeregisterTaskDefinition',
    'ecs:DeleteTaskDefinitions',
  ],
  delete: ['ecs:DescribeServices', 'ecs:DeleteService', 'ecs:DeleteExpressGatewayService'],
  run: [
    'ecs:DescribeServices',
    'ecs:DescribeTaskDefinition',
    'ecs:RegisterTaskDefinition',
    'ecs:RunTask',
    'ecs:DescribeTasks',
    'logs:GetLogEvents',
  ],
  logs: ['logs:FilterLogEvents'],
  continue: ['ecs:DescribeServices', 'ecs:ListServiceDeployments', 'ecs:DescribeServiceDeployments', 'ecs:ContinueServiceDeployment'],
  tasks: ['ecs:ListTasks', 'ecs:DescribeTasks', 'ecs:StopTask', 'logs:GetLogEvents'],
  exec: ['ecs:ListTasks', 'ecs:DescribeTasks', 'ecs:ExecuteCommand', 'ssm:StartSession'],
  tag: ['ecr:DescribeImages'],
  'iam-policy': [],
  // The autoscaler reads the service, its tasks and the lease tag; per-task sources call no AWS API for the load, the
  // alb and ecs sources read CloudWatch (alb: the target group's load balancer); run sets the count and suspends AAS.
  'autoscale run': [
    ...AUTOSCALE_READ,
    'ecs:UpdateService',
    'ecs:TagResource',
    'ecs:UntagResource',
    'application-autoscaling:RegisterScalableTarget',
  ],
  'autoscale status': AUTOSCALE_READ,
  'autoscale explain': AUTOSCALE_READ,
  // start registers the new revision from the stable one's task definition, then drives the release here.
  'canary start': [...CANARY_DRIVE, 'ecs:DescribeTaskDefinition', 'ecs:RegisterTaskDefinition'],
  // status reads the route, the weights, the observed split and the metrics, and each service's images.
  'canary status': [...CANARY_READ, ...CANARY_ROUTE_READ, ...CANARY_ANALYSIS, 'ecs:DescribeTaskDefinition'],
  // promote, abort and resume record the request in a tag; with no live controller elsewhere they drive the release here.
  'canary promote': CANARY_DRIVE,
  'canary abort': CANARY_DRIVE,
  'canary resume': CANARY_DRIVE,
  'canary pause': [...CANARY_READ, 'ecs:TagResource'],
  // setup reads the stable service, its target group and the rules forwarding to it, then creates (tagged) what is missing.
  'canary setup': [
    ...CANARY_READ,
    ...CANARY_ROUTE_READ,
    'elbv2:DescribeTargetGroupAttributes',
    'elbv2:DescribeTags',
    'elbv2:CreateTargetGroup',
    'elbv2:AddTags',
    'elbv2:ModifyTargetGroupAttributes',
    'ecs:CreateService',
    'ecs:TagResource',
    'elbv2:ModifyRule',
    'elbv2:ModifyListener',
  ],
  // teardown finds what setup tagged, takes the canary group out of the rule and deletes the service and the group.
  'canary teardown': [
    ...CANARY_READ,
    ...CANARY_ROUTE_READ,
    'elbv2:DescribeTags',
    'elbv2:ModifyRule',
    'elbv2:ModifyListener',
    'ecs:DeleteService',
    'elbv2:DeleteTargetGroup',
  ],
  // create copies the reference service (its task definition and target group), adds a rule and a record, waits for
  // healthy targets, and deletes what it made when it fails. Tagging on create needs the tagging actions too.
  'env create': [
    ...PREVIEW_FIND,
    ...PREVIEW_DELETE,
    'ecs:DescribeTaskDefinition',
    'ecs:RegisterTaskDefinition',
    'ecs:CreateService',
    'ecs:UpdateService',
    'ecs:TagResource',
    'elbv2:DescribeTargetGroupAttributes',
    'elbv2:CreateTargetGroup',
    'elbv2:ModifyTargetGroupAttributes',
    'elbv2:CreateRule',
    'elbv2:AddTags',
    'elbv2:DescribeTargetHealth',
  ],
  // setup reads the reference, the listener, its load balancer's rules and the zone; creates the cluster or the zone if missing.
  'env setup': [
    'ecs:DescribeServices',
    'ecs:DescribeTaskDefinition',
    'ecs:DescribeClusters',
    'ecs:CreateCluster',
    'elbv2:DescribeTargetGroups',
    'elbv2:DescribeTargetGroupAttributes',
    'elbv2:DescribeListeners',
    'elbv2:DescribeRules',
    'route53:GetHostedZone',
    'route53:ListHostedZonesByName',
    'route53:CreateHostedZone',
  ],
  'env ls': PREVIEW_LIST,
  'env delete': [...PREVIEW_FIND, ...PREVIEW_DELETE],
  'env gc': [...PREVIEW_FIND, ...PREVIEW_DELETE],
  // publish lists the environments and writes the endpoints document to S3 under a condition (or to a local file).
  'env publish': [...PREVIEW_LIST, 's3:GetObject', 's3:PutObject'],
  // apply creates what it tags in the same call (group, role, log group, rule): the tagging actions come with them.
  'schedule diff': SCHEDULE_PLAN,
  'schedule apply': [
    ...SCHEDULE_PLAN,
    'scheduler:CreateScheduleGroup',
    'scheduler:TagResource',
    'scheduler:CreateSchedule',
    'scheduler:UpdateSchedule',
    'scheduler:DeleteSchedule',
    'iam:CreateRole',
    'iam:TagRole',
    'iam:PutRolePolicy',
    'logs:PutResourcePolicy',
    'logs:CreateLogGroup',
    'logs:TagResource',
    'logs:PutRetentionPolicy',
    'events:PutRule',
    'events:TagResource',
    'events:PutTargets',
  ],
  'schedule ls': [...SCHEDULE_READ, 'logs:FilterLogEvents', 'ecs:ListTasks', 'ecs:DescribeTasks'],
  'schedule run': [...SCHEDULE_READ, ...SCHEDULE_RESOLVE, 'ecs:RunTask', 'ecs:TagResource', 'ecs:DescribeTasks', 'logs:GetLogEvents'],
  'schedule history': [...SCHEDULE_READ, ...SCHEDULE_RUNS],
  'schedule delete': ['scheduler:GetScheduleGroup', 'scheduler:ListTagsForResource', 'scheduler:GetSchedule', 'scheduler:DeleteSchedule'],
  'schedule import': ['events:ListRules', 'events:ListTargetsByRule'],
  'schedule check': [...SCHEDULE_READ, ...SCHEDULE_RUNS],
  // The demo and the sandbox run on this machine: they make no call to your AWS account.
  demo: [],
  'local start': [],
  'local ls': [],
  // HTTP load to a URL: no AWS call at all.
  'local load': [],
  // The self-service server: every command its routes run (one library call each), plus its audit log and its tokens.
  get server(): readonly string[] {
    const uses = [
      'canary start',
      'canary status',
      'canary promote',
      'canary abort',
      'canary pause',
      'canary resume',
      'env create',
      'env ls',
      'env delete',
      'env gc',
      'status',
      'revisions',
      'autoscale status',
    ];
    const own = [
      'logs:CreateLogGroup',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'logs:GetLogEvents',
      'ssm:GetParameter',
      'secretsmanager:GetSecretValue',
    ];
    return [...new Set([...uses.flatMap((c) => COMMAND_CALLS[c] ?? []), ...own])];
  },
};

/** Commands that make no call to the user's AWS account at all (they run against the local sandbox). */
export const LOCAL_ONLY = new Set(['demo', 'local start', 'local ls', 'local load']);

/** Commands that render definitions (and so call what the templates' plugins call). */
export const RENDERING = new Set([
  'render',
  'diff',
  'verify',
  'register',
  'deploy',
  'refresh',
  'scale',
  'wait',
  'rollback',
  'status',
  'revisions',
  'deregister',
  'delete',
  'run',
  'logs',
  'tasks',
  'continue',
  'exec',
]);

/** Commands whose calls register a task definition or start tasks with its roles: they need iam:PassRole. */
export const PASSES_ROLES = new Set([
  'register',
  'deploy',
  'run',
  'canary start',
  'env create',
  'schedule apply',
  'schedule run',
  'server',
]);

const PREFIX: Readonly<Record<string, string>> = {
  ecs: 'ecs',
  logs: 'logs',
  ssm: 'ssm',
  secretsmanager: 'secretsmanager',
  s3: 's3',
  sts: 'sts',
  ecr: 'ecr',
  'application-autoscaling': 'application-autoscaling',
  elbv2: 'elasticloadbalancing',
  cloudwatch: 'cloudwatch',
  route53: 'route53',
  scheduler: 'scheduler',
  codedeploy: 'codedeploy',
  events: 'events',
  iam: 'iam',
};

/** The IAM action an API call needs: `elbv2:DescribeTargetGroups` → `elasticloadbalancing:DescribeTargetGroups`. */
export function iamAction(service: string, operation: string): string {
  const prefix = PREFIX[service];
  if (!prefix) throw new Error(`no IAM prefix known for service ${service}`);
  if (service === 's3' && operation === 'HeadObject') return 's3:GetObject';
  return `${prefix}:${operation}`;
}

export const ALL_COMMANDS = Object.keys(COMMAND_CALLS).sort();

/** The words after a group's name: `canary start` is one command, `canary` alone is every canary command. */
const GROUPS = [...new Set(ALL_COMMANDS.filter((c) => c.includes(' ')).map((c) => c.split(' ')[0]!))];

/**
 * The commands named by `iam-policy`'s arguments: single words (`deploy`), two-word commands given as two arguments or
 * one (`canary start`, `"canary start"`), and a group's name alone for all of its commands (`canary`, `env`, `local`).
 * No argument means every command.
 */
export function checkCommands(words: readonly string[]): readonly string[] {
  const out: string[] = [];
  const unknown: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const pair = `${w} ${words[i + 1] ?? ''}`;
    if (w in COMMAND_CALLS) out.push(w);
    else if (pair in COMMAND_CALLS) {
      out.push(pair);
      i++;
    } else if (GROUPS.includes(w)) out.push(...ALL_COMMANDS.filter((c) => c.startsWith(`${w} `)));
    else unknown.push(w);
  }
  if (unknown.length)
    throw new UsageError(
      'BAD_ARGUMENTS',
      `iam-policy: unknown command ${unknown.map((c) => JSON.stringify(c)).join(', ')}; commands: ${ALL_COMMANDS.join(', ')}`,
    );
  return words.length ? [...new Set(out)] : ALL_COMMANDS;
}
