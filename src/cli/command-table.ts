// Every command in one declarative table: its words, its summary, the shared flags it takes, and a loader — so a command's
// module (and the SDK behind it) loads only when it runs or its own --help is asked; `cortado --help` loads none.
import type { CliCommand } from './command.js';
import type { SharedFlag } from './shared-flags.js';

export interface CommandEntry {
  /** Words after `cortado`, e.g. ['canary', 'start']. */
  readonly path: readonly string[];
  readonly summary: string;
  /**
   * The shared flags (shared-flags.ts) this command takes: 'all' for commands that open a session; a list for those that use
   * a few (the rest are refused on the command line as bad input, and ignored in the environment).
   */
  readonly shared: 'all' | readonly SharedFlag[];
  load(): Promise<CliCommand>;
}

export interface GroupEntry {
  readonly word: string;
  readonly summary: string;
}

const ALL = 'all' as const;
const AWS_ONLY: readonly SharedFlag[] = ['region', 'profile', 'assume-role-arn', 'endpoint-url'];

export const GROUPS: readonly GroupEntry[] = [
  { word: 'autoscale', summary: "the fast autoscaler: scale a service on its tasks' load in seconds" },
  { word: 'canary', summary: 'canary releases: shift traffic step by step with analysis, promote or roll back' },
  { word: 'env', summary: 'preview environments: one copy of a reference service per branch' },
  { word: 'local', summary: 'the local wire-compatible AWS sandbox' },
  { word: 'schedule', summary: 'scheduled jobs: ECS tasks on EventBridge Scheduler, from the repository, with their history' },
];

export const COMMAND_TABLE: readonly CommandEntry[] = [
  {
    path: ['init'],
    summary: 'write a config and definitions from a running service (read-only fields stripped)',
    shared: ['config', ...AWS_ONLY],
    load: async () => (await import('./commands/init.js')).initCommand,
  },
  {
    path: ['render'],
    summary: 'print the rendered config, service definition or task definition (templates, Jsonnet, plugins applied)',
    shared: ALL,
    load: async () => (await import('./commands/render.js')).renderCommand,
  },
  {
    path: ['diff'],
    summary: 'show how the service and task definitions differ from what runs in AWS (no change made)',
    shared: ALL,
    load: async () => (await import('./commands/diff.js')).diffCommand,
  },
  {
    path: ['verify'],
    summary: 'check what the definitions depend on: cluster, images (ECR), secrets, log groups, target groups',
    shared: ALL,
    load: async () => (await import('./commands/verify.js')).verifyCommand,
  },
  {
    path: ['register'],
    summary: 'register the task definition as a new revision (no service change)',
    shared: ALL,
    load: async () => (await import('./commands/register.js')).registerCommand,
  },
  {
    path: ['deploy'],
    summary: 'deploy the service: register the task definition, update or create the service, wait and report',
    shared: ALL,
    load: async () => (await import('./commands/deploy.js')).deployCommand,
  },
  {
    path: ['refresh'],
    summary: 'replace every task with a fresh one of the same task definition (force a new deployment)',
    shared: ALL,
    load: async () => (await import('./commands/refresh.js')).refreshCommand,
  },
  {
    path: ['scale'],
    summary: 'set the number of tasks of the service and wait until it is stable',
    shared: ALL,
    load: async () => (await import('./commands/scale.js')).scaleCommand,
  },
  {
    path: ['wait'],
    summary: 'wait until the service is stable (and its in-flight deployment succeeded)',
    shared: ALL,
    load: async () => (await import('./commands/wait.js')).waitCommand,
  },
  {
    path: ['rollback'],
    summary: 'roll the service back: stop an in-flight deployment, or go back to the previous revision',
    shared: ALL,
    load: async () => (await import('./commands/rollback.js')).rollbackCommand,
  },
  {
    path: ['continue'],
    summary: 'let a deployment paused at a PAUSE lifecycle hook go on, then wait for it',
    shared: ALL,
    load: async () => (await import('./commands/continue.js')).continueCommand,
  },
  {
    path: ['appspec'],
    summary: 'print the CodeDeploy AppSpec that deploys the service (CODE_DEPLOY blue/green services)',
    shared: ALL,
    load: async () => (await import('./commands/appspec.js')).appspecCommand,
  },
  {
    path: ['status'],
    summary: 'show the service: deployments, tasks and recent events',
    shared: ALL,
    load: async () => (await import('./commands/status.js')).statusCommand,
  },
  {
    path: ['revisions'],
    summary: "list the task definition family's revisions (the one the service runs is marked)",
    shared: ALL,
    load: async () => (await import('./commands/revisions.js')).revisionsCommand,
  },
  {
    path: ['deregister'],
    summary: 'deregister old task definition revisions (--keeps N) or one (--revision N); revisions in use are kept',
    shared: ALL,
    load: async () => (await import('./commands/deregister.js')).deregisterCommand,
  },
  {
    path: ['delete'],
    summary: 'delete the service (its tasks stop; task definitions stay)',
    shared: ALL,
    load: async () => (await import('./commands/delete.js')).deleteCommand,
  },
  {
    path: ['run'],
    summary: 'run a one-off task from the definitions, stream its logs, exit with its exit code',
    shared: ALL,
    load: async () => (await import('./commands/run.js')).runCommand,
  },
  {
    path: ['tasks'],
    summary: "list the family's tasks; --find, --stop or --trace one of them",
    shared: ALL,
    load: async () => (await import('./commands/tasks.js')).tasksCommand,
  },
  {
    path: ['logs'],
    summary: "print the containers' logs (awslogs); --follow to keep reading",
    shared: ALL,
    load: async () => (await import('./commands/logs.js')).logsCommand,
  },
  {
    path: ['exec'],
    summary: 'open a shell in a running task (ECS Exec; needs the Session Manager plugin)',
    shared: ALL,
    load: async () => (await import('./commands/exec.js')).execCommand,
  },
  {
    path: ['tag'],
    summary: 'print the image tag for a directory: the hash of the last commit touching it',
    shared: ['region', 'profile', 'endpoint-url'],
    load: async () => (await import('./commands/tag.js')).tagCommand,
  },
  {
    path: ['iam-policy'],
    summary: 'print the IAM policy the given commands need (default: every command)',
    shared: ['config'],
    load: async () => (await import('./commands/iam-policy.js')).iamPolicyCommand,
  },
  {
    path: ['autoscale', 'run'],
    summary: 'run the autoscaler in the foreground: poll the load, set the desired count (one replica acts, others stand by)',
    shared: ALL,
    load: async () => (await import('./commands/autoscale-run.js')).autoscaleRun,
  },
  {
    path: ['autoscale', 'status'],
    summary: "show the service's counts, each task's load now, the controller holding the lease, Application Auto Scaling",
    shared: ALL,
    load: async () => (await import('./commands/autoscale-status.js')).autoscaleStatus,
  },
  {
    path: ['autoscale', 'explain'],
    summary: 'say what the autoscaler would do now and why, without acting',
    shared: ALL,
    load: async () => (await import('./commands/autoscale-explain.js')).autoscaleExplain,
  },
  {
    path: ['canary', 'start'],
    summary: 'release a new image to the canary service and shift traffic step by step, analysing every step',
    shared: ALL,
    load: async () => (await import('./commands/canary-start.js')).canaryStart,
  },
  {
    path: ['canary', 'status'],
    summary: 'show the release: phase, step, weights set and observed, metrics against thresholds, tasks, events',
    shared: ALL,
    load: async () => (await import('./commands/canary-status.js')).canaryStatus,
  },
  {
    path: ['canary', 'promote'],
    summary: 'promote the canary: at the next passing analysis, or at once with --skip-analysis',
    shared: ALL,
    load: async () => (await import('./commands/canary-promote.js')).canaryPromote,
  },
  {
    path: ['canary', 'abort'],
    summary: 'abort the release: all traffic back to stable now, canary to zero',
    shared: ALL,
    load: async () => (await import('./commands/canary-abort.js')).canaryAbort,
  },
  {
    path: ['canary', 'pause'],
    summary: 'hold the release at its current weight (no analysis, no step) until resume',
    shared: ALL,
    load: async () => (await import('./commands/canary-pause.js')).canaryPause,
  },
  {
    path: ['canary', 'resume'],
    summary: 'lift a pause and continue the release from its recorded step (here, unless a live controller has it)',
    shared: ALL,
    load: async () => (await import('./commands/canary-resume.js')).canaryResume,
  },
  {
    path: ['canary', 'setup'],
    summary: 'create the canary target group, the canary service (0 tasks) and the 100/0 weights next to the stable service',
    shared: ALL,
    load: async () => (await import('./commands/canary-setup.js')).canarySetup,
  },
  {
    path: ['canary', 'teardown'],
    summary: 'remove what canary setup created (found by its tags); refuses while a release is in progress',
    shared: ALL,
    load: async () => (await import('./commands/canary-teardown.js')).canaryTeardown,
  },
  {
    path: ['env', 'create'],
    summary: 'create (or update) the preview environment of a branch: a copy of the reference service at <name>.<domain>',
    shared: ALL,
    load: async () => (await import('./commands/env-create.js')).envCreate,
  },
  {
    path: ['env', 'ls'],
    summary: 'list the preview environments (name, URL, image, running/desired, updated, age)',
    shared: ALL,
    load: async () => (await import('./commands/env-ls.js')).envLs,
  },
  {
    path: ['env', 'delete'],
    summary: 'delete a preview environment: every resource tagged for it, in reverse dependency order',
    shared: ALL,
    load: async () => (await import('./commands/env-delete.js')).envDelete,
  },
  {
    path: ['env', 'gc'],
    summary: 'delete preview environments not updated for a while (and incomplete ones)',
    shared: ALL,
    load: async () => (await import('./commands/env-gc.js')).envGc,
  },
  {
    path: ['env', 'publish'],
    summary: 'write the ready previews as endpoints JSON to s3://bucket/key or a file',
    shared: ALL,
    load: async () => (await import('./commands/env-publish.js')).envPublish,
  },
  {
    path: ['env', 'setup'],
    summary: "check the previews' shared prerequisites (reference service, cluster, listener, hosted zone); create what can be",
    shared: ALL,
    load: async () => (await import('./commands/env-setup.js')).envSetup,
  },
  {
    path: ['schedule', 'diff'],
    summary: 'show what schedule apply would change (schedules, group, role, history rule), normalised like diff',
    shared: ALL,
    load: async () => (await import('./commands/schedule-diff.js')).scheduleDiff,
  },
  {
    path: ['schedule', 'apply'],
    summary: "create or update the jobs' schedules in cortado's group, with their role and history rule; --prune removes the rest",
    shared: ALL,
    load: async () => (await import('./commands/schedule-apply.js')).scheduleApply,
  },
  {
    path: ['schedule', 'ls'],
    summary: 'list the jobs: schedule, state, next run in their time zone, last run and its exit code',
    shared: ALL,
    load: async () => (await import('./commands/schedule-ls.js')).scheduleLs,
  },
  {
    path: ['schedule', 'run'],
    summary: "run a job's task now, as its schedule would; exit with its exit code",
    shared: ALL,
    load: async () => (await import('./commands/schedule-run.js')).scheduleRun,
  },
  {
    path: ['schedule', 'history'],
    summary: "show a job's runs: start, end, exit code, stopped reason, last log line, link to the logs",
    shared: ALL,
    load: async () => (await import('./commands/schedule-history.js')).scheduleHistory,
  },
  {
    path: ['schedule', 'delete'],
    summary: "delete a job's schedule from cortado's group",
    shared: ALL,
    load: async () => (await import('./commands/schedule-delete.js')).scheduleDelete,
  },
  {
    path: ['schedule', 'check'],
    summary: 'find the runs that failed lately and notify (Slack, webhook); exit 1 if any',
    shared: ALL,
    load: async () => (await import('./commands/schedule-check.js')).scheduleCheck,
  },
  {
    path: ['schedule', 'import'],
    summary: 'print a schedules: section from an ecschedule file or the EventBridge rules that run ECS tasks',
    shared: ALL,
    load: async () => (await import('./commands/schedule-import.js')).scheduleImport,
  },
  {
    path: ['local', 'start'],
    summary: 'run the local AWS sandbox (ECS, ELBv2, CloudWatch, Logs, Route 53, S3, SSM, ...) on one port',
    shared: ['region'],
    load: async () => (await import('./commands/local-start.js')).localStart,
  },
  {
    path: ['local', 'ls'],
    summary: "list a running sandbox's load balancer listeners and the local ports that serve them",
    shared: ['endpoint-url'],
    load: async () => (await import('./commands/local-ls.js')).localLs,
  },
  {
    path: ['local', 'load'],
    summary: 'send HTTP load to a URL at a rate or a step/ramp profile; achieved rate, statuses and latency percentiles',
    shared: [],
    load: async () => (await import('./commands/local-load.js')).localLoad,
  },
  {
    path: ['demo'],
    summary: 'canary releases on a laptop: v1 behind an ALB under load, v2 promoted step by step, v3 (30% errors) rolled back',
    shared: [],
    load: async () => (await import('./commands/demo.js')).demo,
  },
  {
    path: ['server'],
    summary: 'the self-service HTTP API, Slack commands and web dashboard; takes over releases whose controller stopped',
    shared: AWS_ONLY,
    load: async () => (await import('./commands/server.js')).serverCommand,
  },
];

export const commandName = (e: CommandEntry): string => `cortado ${e.path.join(' ')}`;
