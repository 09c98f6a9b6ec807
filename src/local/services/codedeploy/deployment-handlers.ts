// CreateDeployment, GetDeployment, BatchGetDeployments, ListDeployments, StopDeployment, ContinueDeployment and the ECS deployment target.
import type { Handler } from '../../service.js';
import { paginate } from '../../paginate.js';
import { appSpecText, parseEcsAppSpec } from './appspec.js';
import {
  type CodeDeployState,
  type DeploymentRecord,
  FINAL,
  type Json,
  LIFECYCLE_EVENTS,
  err,
  requireApplication,
  requireDeployment,
  requireGroup,
} from './codedeploy-state.js';
import { findConfig } from './deployment-configs.js';
import { deploymentId } from './deployment-outcome.js';

const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));
const compact = (o: Json): Json => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

function overview(d: DeploymentRecord): Json {
  const n = (s: string) => (d.status === s ? 1 : 0);
  const inProgress = d.status === 'InProgress' || d.status === 'Created' ? 1 : 0;
  return {
    Pending: 0,
    InProgress: inProgress,
    Succeeded: n('Succeeded'),
    Failed: n('Failed') + n('Stopped'),
    Skipped: 0,
    Ready: n('Ready'),
  };
}

export function deploymentView(d: DeploymentRecord): Json {
  const g = d.group;
  return compact({
    applicationName: d.applicationName,
    deploymentGroupName: d.deploymentGroupName,
    deploymentConfigName: d.deploymentConfigName,
    deploymentId: d.id,
    revision: d.revision,
    status: d.status,
    errorInformation: d.errorInformation,
    createTime: date(d.createdAt),
    startTime: date(d.startedAt),
    completeTime: date(d.completedAt),
    deploymentOverview: overview(d),
    description: d.description,
    creator: d.creator,
    autoRollbackConfiguration: { enabled: d.autoRollback.enabled, events: d.autoRollback.events },
    rollbackInfo: d.rollbackInfo,
    deploymentStyle: g.deploymentStyle,
    blueGreenDeploymentConfiguration: g.blueGreenDeploymentConfiguration,
    loadBalancerInfo: g.loadBalancerInfo,
    computePlatform: 'ECS',
    instanceTerminationWaitTimeStarted: d.terminationWaitStarted !== undefined,
    deploymentStatusMessages: [],
  });
}

const targetId = (d: DeploymentRecord) => (d.target ? `${d.target.cluster}:${d.target.service}` : undefined);

function targetStatus(d: DeploymentRecord): string {
  if (d.status === 'Stopped' || d.status === 'Failed') return 'Failed';
  if (d.status === 'Succeeded') return 'Succeeded';
  if (d.status === 'Ready') return 'Ready';
  return d.status === 'Created' ? 'Pending' : 'InProgress';
}

export function targetView(d: DeploymentRecord): Json {
  const t = d.target!;
  const side = (s: typeof t.blue) =>
    compact({
      identifer: s.taskSetId,
      status: s.label === 'Blue' ? (d.phase === 'done' && d.status === 'Succeeded' ? 'DRAINING' : 'PRIMARY') : 'ACTIVE',
      trafficWeight: s.trafficWeight,
      targetGroup: { name: s.targetGroupName },
      taskSetLabel: s.label,
    });
  return {
    deploymentTargetType: 'ECSTarget',
    ecsTarget: {
      deploymentId: d.id,
      targetId: targetId(d),
      targetArn: t.serviceArn,
      lastUpdatedAt: new Date(d.updatedAt),
      lifecycleEvents: d.lifecycle.map((e) =>
        compact({ lifecycleEventName: e.name, status: e.status, startTime: date(e.startTime), endTime: date(e.endTime) }),
      ),
      status: targetStatus(d),
      taskSetsInfo: [side(t.blue), side(t.green)],
    },
  };
}

export function deploymentHandlers(state: CodeDeployState, now: () => number, kick: () => void): Record<string, Handler> {
  const badToken = () => err('InvalidNextTokenException', 'The next token was specified in an invalid format.');
  const targetOf = (input: Json) => {
    const d = requireDeployment(state, input.deploymentId);
    if (!d.target) throw err('DeploymentNotStartedException', 'The specified deployment has not started.');
    if (input.targetId !== undefined && input.targetId !== targetId(d))
      throw err('DeploymentTargetDoesNotExistException', `The deployment target ${String(input.targetId)} does not exist.`);
    return d;
  };
  return {
    CreateDeployment: (input) => {
      const app = requireApplication(state, input.applicationName);
      const group = requireGroup(state, app.name, input.deploymentGroupName);
      if (app.computePlatform !== 'ECS')
        throw err('InvalidDeploymentGroupNameException', 'cortado local runs deployments for the ECS compute platform only.');
      const config = findConfig(state, input.deploymentConfigName ?? group.settings.deploymentConfigName);
      const revision = input.revision as Json | undefined;
      const spec = parseEcsAppSpec(appSpecText(revision));
      const active = Object.values(state.deployments).find(
        (d) => d.applicationName === app.name && d.deploymentGroupName === group.name && !FINAL.has(d.status),
      );
      if (active)
        throw err(
          'DeploymentLimitExceededException',
          `The Deployment Group '${group.name}' already has an active Deployment '${active.id}'`,
        );
      const rollback =
        (input.autoRollbackConfiguration as Json | undefined) ?? (group.settings.autoRollbackConfiguration as Json | undefined) ?? {};
      const id = deploymentId();
      const t = now();
      const { hooks: _hooks, ...appSpec } = spec;
      state.deployments[id] = {
        id,
        applicationName: app.name,
        deploymentGroupName: group.name,
        deploymentConfigName: config.name,
        revision: revision!,
        ...(typeof input.description === 'string' ? { description: input.description } : {}),
        creator: 'user',
        group: structuredClone(group.settings),
        autoRollback: { enabled: rollback.enabled === true, events: (rollback.events as string[] | undefined) ?? [] },
        status: 'Created',
        createdAt: t,
        updatedAt: t,
        lifecycle: LIFECYCLE_EVENTS.map((name) => ({ name, status: 'Pending' })),
        phase: 'start',
        step: 0,
        appSpec,
      };
      kick();
      return { deploymentId: id };
    },
    GetDeployment: (input) => ({ deploymentInfo: deploymentView(requireDeployment(state, input.deploymentId)) }),
    BatchGetDeployments: (input) => ({
      deploymentsInfo: ((input.deploymentIds as string[] | undefined) ?? []).map((id) => deploymentView(requireDeployment(state, id))),
    }),
    ListDeployments: (input) => {
      const statuses = input.includeOnlyStatuses as string[] | undefined;
      if (input.deploymentGroupName !== undefined)
        requireGroup(state, requireApplication(state, input.applicationName).name, input.deploymentGroupName);
      const ids = Object.values(state.deployments)
        .filter((d) => input.applicationName === undefined || d.applicationName === input.applicationName)
        .filter((d) => input.deploymentGroupName === undefined || d.deploymentGroupName === input.deploymentGroupName)
        .filter((d) => !statuses || statuses.includes(d.status))
        .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1))
        .map((d) => d.id);
      const page = paginate(
        ids,
        { nextToken: input.nextToken },
        { defaultSize: 100, maxSize: 100, badToken },
        JSON.stringify([input.applicationName, input.deploymentGroupName, statuses]),
      );
      return { deployments: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
    },
    StopDeployment: (input) => {
      const d = requireDeployment(state, input.deploymentId);
      if (FINAL.has(d.status)) throw err('DeploymentAlreadyCompletedException', `The deployment ${d.id} is already completed.`);
      d.stopRequest = { autoRollback: input.autoRollbackEnabled === true };
      kick();
      return { status: 'Pending', statusMessage: 'Stopping Pending. Stopping to schedule commands in the deployment instances' };
    },
    ContinueDeployment: (input) => {
      const d = requireDeployment(state, input.deploymentId);
      if (FINAL.has(d.status)) throw err('DeploymentAlreadyCompletedException', `The deployment ${d.id} is already completed.`);
      const wait = (input.deploymentWaitType as string | undefined) ?? 'READY_WAIT';
      if (wait === 'READY_WAIT' && d.phase !== 'ready')
        throw err('DeploymentIsNotInReadyStateException', `The deployment ${d.id} is not in the Ready state.`);
      if (wait === 'TERMINATION_WAIT' && d.phase !== 'terminate')
        throw err('InvalidDeploymentStatusException', `The deployment ${d.id} is not waiting to terminate the original task set.`);
      d.continued = true;
      kick();
      return {};
    },
    ListDeploymentTargets: (input) => {
      const d = requireDeployment(state, input.deploymentId);
      return { targetIds: d.target ? [targetId(d)] : [] };
    },
    GetDeploymentTarget: (input) => ({ deploymentTarget: targetView(targetOf(input)) }),
    BatchGetDeploymentTargets: (input) => {
      const ids = (input.targetIds as string[] | undefined) ?? [];
      return { deploymentTargets: ids.map((targetId) => targetView(targetOf({ deploymentId: input.deploymentId, targetId }))) };
    },
  };
}
