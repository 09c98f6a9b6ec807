// The contract between the ECS scheduler and the container runtime: what to run, how it resolved, how it ended.

export interface ContainerSpec {
  readonly taskId: string; // 32 hex chars
  readonly containerName: string;
  readonly image: string;
  /** ECS containerDefinition.command */
  readonly command?: readonly string[];
  readonly entryPoint?: readonly string[];
  /** Already merged: environment + secrets + ECS_CONTAINER_METADATA_URI_V4 etc. */
  readonly environment: Readonly<Record<string, string>>;
  readonly workingDirectory?: string;
  /** The task's own loopback address, e.g. 127.0.3.7 (bind here). */
  readonly host: string;
  /** Container ports from portMappings. */
  readonly ports: readonly number[];
  /** One call per line. Must not throw. */
  readonly onOutput: (stream: 'stdout' | 'stderr', line: string, at: Date) => void;
}

export type Resolution =
  | {
      readonly kind: 'process';
      readonly command: string;
      readonly args: readonly string[];
      readonly cwd?: string;
      readonly env: Readonly<Record<string, string>>;
    }
  /** `reason` goes into the task's CannotPullContainerError stoppedReason. */
  | { readonly kind: 'not-found'; readonly reason: string };

export type ProcessResolution = Extract<Resolution, { readonly kind: 'process' }>;

export interface ContainerExit {
  /** The process status; 128 + signal number when a signal ended it (as Docker reports); null if it never started. */
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** ECS-style container reason, e.g. `CannotStartContainerError: ...`; absent for an ordinary exit. */
  readonly reason?: string;
}

export interface ContainerHandle {
  readonly pid: number | undefined;
  readonly exited: Promise<ContainerExit>;
  /** SIGTERM, then SIGKILL after graceMs; resolves with the exit. Idempotent. */
  stop(graceMs: number): Promise<ContainerExit>;
  /** Real resource use of the process (for AWS/ECS CPUUtilization/MemoryUtilization). */
  usage(): Promise<ContainerUsage>;
}

export interface ContainerUsage {
  readonly cpuSeconds: number;
  readonly rssBytes: number;
}
