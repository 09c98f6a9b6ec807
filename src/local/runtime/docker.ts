// The Docker path of the image resolver: detects an engine and turns a container spec into `docker run`.
import { execFile } from 'node:child_process';
import { injectedEnv, type ParentEnv } from './container-env.js';
import type { ContainerSpec, ProcessResolution } from './types.js';

export type DockerSpec = Pick<
  ContainerSpec,
  'taskId' | 'containerName' | 'image' | 'command' | 'entryPoint' | 'environment' | 'workingDirectory' | 'host' | 'ports'
>;

/** True when `docker info` answers within timeoutMs (an installed CLI without a running engine is false). */
export const detectDocker = (timeoutMs = 2000): Promise<boolean> =>
  new Promise((resolve) => {
    execFile('docker', ['info'], { timeout: timeoutMs, killSignal: 'SIGKILL' }, (err) => resolve(err === null));
  });

/** Variables the docker CLI itself needs to reach the engine. */
const DOCKER_CLI_ENV = ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_CONFIG', 'DOCKER_CERT_PATH', 'DOCKER_TLS_VERIFY'];

export const dockerContainerName = (spec: Pick<ContainerSpec, 'taskId' | 'containerName'>): string =>
  `cortado-${spec.taskId}-${spec.containerName}`;

/**
 * Host networking, so the container binds the task's loopback address like a local process would.
 * Values go on argv rather than through `-e NAME`, so the task's variables never reconfigure the docker CLI.
 * Docker's --entrypoint takes one word: the rest of entryPoint leads the arguments, exactly as the daemon joins them.
 */
export const dockerResolution = (spec: DockerSpec, parent: ParentEnv): ProcessResolution => {
  const args = ['run', '--rm', '--network', 'host', '--name', dockerContainerName(spec)];
  for (const [name, value] of Object.entries({ ...spec.environment, ...injectedEnv(spec) })) args.push('-e', `${name}=${value}`);
  if (spec.workingDirectory !== undefined) args.push('-w', spec.workingDirectory);
  const [entry, ...entryArgs] = spec.entryPoint ?? [];
  if (entry !== undefined) args.push('--entrypoint', entry);
  args.push(spec.image, ...entryArgs, ...(spec.command ?? []));

  const env: Record<string, string> = {};
  for (const name of DOCKER_CLI_ENV) {
    const value = parent[name];
    if (value !== undefined) env[name] = value;
  }
  return { kind: 'process', command: 'docker', args, env };
};
