// AWS CodeDeploy (awsJson1_1, CodeDeploy_20141006) for the ECS compute platform: applications, deployment groups, configs, blue/green deployments.
import type { SandboxEnv } from '../../env.js';
import { loadModel } from '../../model/model.js';
import type { SandboxService } from '../../service.js';
import { appHandlers } from './app-handlers.js';
import { type CodeDeployState, emptyCodeDeployState, FINAL } from './codedeploy-state.js';
import { configHandlers } from './deployment-configs.js';
import { deploymentHandlers } from './deployment-handlers.js';
import { advance, type BlueGreenDeps } from './ecs-blue-green.js';
import { failDeployment } from './deployment-outcome.js';

/** Simulated interval between lifecycle steps; a new deployment or a Stop/Continue request also triggers one at once. */
const TICK_MS = 1000;

export function createCodeDeployService(env: SandboxEnv): SandboxService {
  const state: CodeDeployState = emptyCodeDeployState();
  const now = () => env.clock.now().getTime();
  const deps: BlueGreenDeps = {
    env,
    get state() {
      return state;
    },
    now,
    simulatedSince: (from) => (now() - from) * env.clock.speed,
  };
  let running = false;
  let again = false;
  let closed = false;

  async function tick(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        for (const d of Object.values(state.deployments)) {
          if (closed) return;
          if (FINAL.has(d.status) && !d.stopRequest) continue;
          try {
            await advance(deps, d);
          } catch (e) {
            await failDeployment(deps, d, 'INTERNAL_ERROR', e instanceof Error ? e.message : String(e)).catch(() => undefined);
          }
        }
      } while (again && !closed);
    } finally {
      running = false;
    }
  }
  const kick = () => {
    if (!closed) env.clock.after(0, () => void tick());
  };
  const cancel = env.clock.every(TICK_MS, () => void tick());

  return {
    name: 'codedeploy',
    model: loadModel('codedeploy'),
    validation: { code: 'ValidationException' },
    handlers: {
      ...appHandlers(state, now),
      ...configHandlers(state, now),
      ...deploymentHandlers(state, now, kick),
    },
    snapshot: () => JSON.parse(JSON.stringify(state)) as unknown,
    restore(saved) {
      const s = saved as CodeDeployState;
      Object.assign(state, s);
    },
    close() {
      closed = true;
      cancel();
      return Promise.resolve();
    },
  };
}
