// The validated `schedules:` configuration: what each job runs, when, and where cortado keeps its schedules and their history.
import type { NetworkConfiguration } from '@aws-sdk/client-ecs';
import type { Notifier } from '../core/notifier.js';

/** What a container of the job's task runs instead of its defaults (RunTask's ContainerOverride, the fields jobs use). */
export interface ContainerChange {
  readonly command?: readonly string[];
  readonly environment?: Readonly<Record<string, string>>;
  readonly cpu?: number;
  readonly memory?: number;
}

export type TaskDefinitionRef =
  /** The revision the config's service runs when apply reads it (a later apply follows the next deploy). */
  | { readonly kind: 'service' }
  /** `family` (its latest ACTIVE revision when apply reads it), `family:revision`, or a task definition ARN. */
  | { readonly kind: 'named'; readonly ref: string };

export type JobNetwork =
  /** The service's launch type or capacity providers, platform version and network configuration. */
  | { readonly kind: 'service' }
  | {
      readonly kind: 'given';
      readonly networkConfiguration?: NetworkConfiguration;
      readonly launchType?: string;
      readonly capacityProviderStrategy?: readonly {
        readonly capacityProvider: string;
        readonly weight?: number;
        readonly base?: number;
      }[];
      readonly platformVersion?: string;
    };

export interface JobSpec {
  /** The schedule's name in the group: 1–64 of [0-9a-zA-Z-_.]. */
  readonly name: string;
  /** `cron(...)`, `rate(...)` or `at(...)`, as EventBridge Scheduler takes it. */
  readonly schedule: string;
  /** IANA time zone the expression is read in (UTC by default, as in AWS). */
  readonly timezone: string;
  readonly description?: string;
  readonly taskDefinition: TaskDefinitionRef;
  /** Container name → its overrides; `container:` with `command:`... at the job level is the one-container form. */
  readonly containers: Readonly<Record<string, ContainerChange>>;
  /** The key of `containers` the job-level command/environment went to (named `container:` in messages). */
  readonly mainContainer?: string;
  /** The task's size overrides (TaskOverride cpu/memory: `512`, `1024`, `1 vCPU`, `2 GB`). */
  readonly taskCpu?: string;
  readonly taskMemory?: string;
  /** Minutes; undefined runs at the exact time (FlexibleTimeWindow OFF). */
  readonly flexibleWindowMinutes?: number;
  readonly retry: { readonly attempts: number; readonly maxAgeSeconds: number };
  /** An SQS queue ARN for invocations that fail after the retries. */
  readonly deadLetterQueueArn?: string;
  readonly count: number;
  readonly network: JobNetwork;
  /** Tags of the tasks the job starts (besides cortado's own). */
  readonly tags: Readonly<Record<string, string>>;
  readonly enabled: boolean;
}

export interface HistorySpec {
  /** The CloudWatch Logs group the task state changes of the jobs are recorded in. */
  readonly logGroup: string;
  readonly retentionDays: number;
}

export interface SchedulesSpec {
  /** The schedule group cortado owns for this config (tagged as managed; prune never looks elsewhere). */
  readonly group: string;
  /** Who owns the group: `<cluster>/<service or group>`, recorded in its tags so two configs never prune each other. */
  readonly owner: string;
  /** The role EventBridge Scheduler assumes; undefined: cortado keeps one of its own (`cortado-scheduler-<group>`). */
  readonly roleArn?: string;
  readonly history: HistorySpec;
  readonly notify: readonly Notifier[];
  readonly jobs: readonly JobSpec[];
  /** Where the jobs were read from (named in messages). */
  readonly file: string;
}

/** AWS's own defaults for a schedule's retries (24 hours, 185 attempts): written out so a diff never shows them as changes. */
export const DEFAULT_RETRY = { attempts: 185, maxAgeSeconds: 86_400 } as const;
