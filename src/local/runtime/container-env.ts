// Builds the environment a container process sees: a minimal host base, never the whole sandbox environment.
import type { ContainerSpec } from './types.js';

export type ParentEnv = Readonly<Record<string, string | undefined>>;

/** Host variables a local process needs to run at all; everything else (NODE_OPTIONS, AWS_*, ...) stays out. */
export const BASE_ENV_NAMES: readonly string[] = ['PATH', 'HOME', 'TMPDIR', 'TZ', 'LANG', 'LC_ALL', 'LC_CTYPE'];

const FALLBACK_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export const baseEnv = (parent: ParentEnv): Record<string, string> => {
  const env: Record<string, string> = {};
  for (const name of BASE_ENV_NAMES) {
    const value = parent[name];
    if (value !== undefined) env[name] = value;
  }
  env.PATH ??= FALLBACK_PATH;
  return env;
};

/** Variables the runtime sets for every container; they override the task definition's (the bind address must be the task's). */
export const injectedEnv = (spec: Pick<ContainerSpec, 'host' | 'ports' | 'taskId'>): Record<string, string> => {
  const env: Record<string, string> = {
    HOST: spec.host,
    ECS_TASK_HOST: spec.host,
    CORTADO_BIND_HOST: spec.host,
    CORTADO_TASK_ID: spec.taskId,
  };
  const first = spec.ports[0];
  if (first !== undefined) env.CORTADO_CONTAINER_PORT = String(first);
  return env;
};

/** Later layers win: base, then the image's env, then the task definition's, then the runtime's own. */
export const containerEnv = (
  spec: Pick<ContainerSpec, 'host' | 'ports' | 'taskId' | 'environment'>,
  resolutionEnv: Readonly<Record<string, string>>,
  parent: ParentEnv,
): Record<string, string> => ({ ...baseEnv(parent), ...resolutionEnv, ...spec.environment, ...injectedEnv(spec) });
