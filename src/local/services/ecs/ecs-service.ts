// Amazon ECS in the sandbox: clusters, task definitions, services with a rolling scheduler, and tasks run as local processes.
import type { SandboxEnv } from '../../env.js';
import { loadModel } from '../../model/model.js';
import type { SandboxOptions } from '../../options.js';
import {
  createAddressPool,
  createImageResolver,
  detectDocker,
  loadImageMap,
  randomPoolStart,
  type ImageResolver,
} from '../../runtime/index.js';
import type { SandboxService } from '../../service.js';
import { clusterHandlers } from './cluster-handlers.js';
import { containerInstanceHandlers } from './container-instance-handlers.js';
import { type EcsContext, type TaskEngine, taskDefinitionByArn } from './ecs-context.js';
import { reserveAddresses, restartPlan, restoreState, snapshotState } from './ecs-persistence.js';
import { emptyState } from './ecs-state.js';
import { createSchedulerLoop } from './scheduler-loop.js';
import { postEvent } from './service-events.js';
import { serviceDeploymentHandlers } from './service-deployment-handlers.js';
import { serviceHandlers } from './service-handlers.js';
import { tagHandlers } from './tag-handlers.js';
import { taskDefinitionHandlers } from './task-definition-handlers.js';
import { taskHandlers } from './task-handlers.js';
import { taskSetHandlers } from './task-set-handlers.js';
import { METADATA_PREFIX, metadataRoute } from './task-metadata.js';
import { createTaskRunner } from './task-runner.js';
import { taskStateEvents } from './task-state-events.js';
import { startUsageMetrics } from './usage-metrics.js';
import { scalableServices } from './scalable-services.js';
import { expressHandlers, startExpressSweep } from './express-handlers.js';
import { accountSettingHandlers } from './account-settings.js';
import { capacityProviderHandlers } from './capacity-providers.js';

/**
 * Stopped tasks stay describable for at least an hour [DG:"Checking stopped tasks for errors"]; then they are purged.
 * Simulated time: at --speed 10 an hour is six real minutes.
 */
export const STOPPED_TASK_TTL_MS = 60 * 60 * 1000;

export function createEcsService(env: SandboxEnv, options: SandboxOptions = {}): SandboxService {
  const state = emptyState();
  const pool = createAddressPool(randomPoolStart());
  const imageMap = options.imageMapPath ? loadImageMap(options.imageMapPath) : undefined;
  let resolver: Promise<ImageResolver> | undefined;
  const engine: TaskEngine = {
    allocateAddress: () => pool.allocate(),
    launch: (task) => {
      taskChanged(task);
      runner.launch(task);
    },
    stop: (task, s) => runner.requestStop(task, s.code, s.reason, s.cause),
    kick: () => loop.kick(),
  };
  const ctx: EcsContext = {
    env,
    state,
    engine,
    scope: { region: env.region, accountId: env.accountId },
    now: () => env.clock.now().getTime(),
    visible: (rec) => env.consistency.visible(rec.stamp),
  };
  const loop = createSchedulerLoop(ctx);
  const taskChanged = taskStateEvents(ctx);
  const runner = createTaskRunner({
    ctx,
    resolver: () =>
      (resolver ??= (env.detectDocker ?? detectDocker)().then((dockerAvailable) =>
        createImageResolver({ dockerAvailable, ...(imageMap ? { imageMap } : {}) }),
      )),
    releaseAddress: (ip) => pool.release(ip),
    taskDefinitionBody: (arn) => taskDefinitionByArn(ctx, arn)?.body,
    metadataUri: (runtimeId) => `${env.endpoint()}/_cortado/${METADATA_PREFIX}/${runtimeId}`,
    onChange: (task) => {
      taskChanged(task);
      loop.kick();
    },
    onStopRequested: (task) => loop.stopRequested(task),
    onStopped: () => loop.kick(),
    serviceEvent: (task, message) => {
      const svc = Object.values(state.services).find((s) => s.clusterName === task.clusterName && s.name === task.serviceName);
      if (svc) postEvent(svc, message, ctx.now());
    },
  });
  const stopMetrics = startUsageMetrics(ctx, (id) => runner.usage(id));
  const stopPurge = env.clock.every(60_000, () => {
    const cutoff = ctx.now() - env.clock.real(STOPPED_TASK_TTL_MS);
    for (const [id, t] of Object.entries(state.tasks))
      if (t.lastStatus === 'STOPPED' && (t.stoppedAt ?? 0) < cutoff) delete state.tasks[id];
  });

  const stopExpressSweep = startExpressSweep(ctx);
  const services = serviceHandlers(ctx);
  env.seams.scalableServices = scalableServices(ctx, services.UpdateService!);

  return {
    name: 'ecs',
    model: loadModel('ecs'),
    validation: { code: 'InvalidParameterException' },
    handlers: {
      ...clusterHandlers(ctx),
      ...taskDefinitionHandlers(ctx),
      ...services,
      ...serviceDeploymentHandlers(ctx),
      ...taskHandlers(ctx),
      ...taskSetHandlers(ctx),
      ...containerInstanceHandlers(ctx),
      ...tagHandlers(ctx),
      ...expressHandlers(ctx),
      ...accountSettingHandlers(ctx),
      ...capacityProviderHandlers(ctx),
    },
    control: { [METADATA_PREFIX]: metadataRoute(ctx) },
    snapshot: () => snapshotState(state),
    restore(saved) {
      restoreState(state, saved);
      const live = Object.values(state.tasks).filter((t) => t.lastStatus !== 'STOPPED');
      reserveAddresses(
        pool,
        live.filter((t) => t.desiredStatus === 'RUNNING').map((t) => t.ip),
      );
      const { relaunch } = restartPlan(live, ctx.now());
      for (const t of relaunch) runner.launch(t);
      loop.kick();
    },
    async close(how) {
      loop.close();
      stopMetrics();
      stopPurge();
      stopExpressSweep();
      await runner.close(how?.immediate ? 0 : 1000);
    },
  };
}
