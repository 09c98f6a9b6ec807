// The environment a task's container process sees, rebuilt for its health check commands (same variables, same bind host).
import { containerEnv } from '../../runtime/container-env.js';
import type { TaskRecord } from './ecs-state.js';
import type { PreparedContainer } from './task-prepare.js';

export const containerEnvironment = (task: TaskRecord, p: PreparedContainer): Record<string, string> =>
  containerEnv({ taskId: task.id, host: task.ip, ports: p.ports, environment: p.environment }, p.resolution.env, process.env);
