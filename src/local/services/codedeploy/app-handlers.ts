// Applications and deployment groups: Create/Get/Delete/List/BatchGet, and UpdateDeploymentGroup.
import type { Handler } from '../../service.js';
import { uuid } from '../../ids.js';
import { paginate } from '../../paginate.js';
import {
  type CodeDeployState,
  type DeploymentGroupRecord,
  type Json,
  err,
  groupKey,
  requireApplication,
  requireGroup,
} from './codedeploy-state.js';
import { DEFAULT_ECS_CONFIG, findConfig } from './deployment-configs.js';

/** The CreateDeploymentGroup members DeploymentGroupInfo echoes back. */
const SETTING_KEYS = [
  'deploymentConfigName',
  'serviceRoleArn',
  'ecsServices',
  'loadBalancerInfo',
  'blueGreenDeploymentConfiguration',
  'autoRollbackConfiguration',
  'deploymentStyle',
  'alarmConfiguration',
  'triggerConfigurations',
  'ec2TagFilters',
  'onPremisesInstanceTagFilters',
  'autoScalingGroups',
  'outdatedInstancesStrategy',
  'terminationHookEnabled',
] as const;

const badToken = () => err('InvalidNextTokenException', 'The next token was specified in an invalid format.');

function checkEcsGroup(settings: Json): void {
  const services = (settings.ecsServices as Json[] | undefined) ?? [];
  if (services.length !== 1) throw err('InvalidECSServiceException', 'An ECS deployment group must name exactly one ECS service.');
  const pairs = ((settings.loadBalancerInfo as Json | undefined)?.targetGroupPairInfoList as Json[] | undefined) ?? [];
  if (pairs.length !== 1) throw err('InvalidTargetGroupPairException', 'An ECS deployment group needs one target group pair.');
  const tgs = (pairs[0]!.targetGroups as Json[] | undefined) ?? [];
  if (tgs.length !== 2) throw err('InvalidTargetGroupPairException', 'A target group pair must contain two target groups.');
  const prod = ((pairs[0]!.prodTrafficRoute as Json | undefined)?.listenerArns as string[] | undefined) ?? [];
  if (prod.length !== 1) throw err('InvalidTargetGroupPairException', 'A target group pair needs one production listener.');
  const style = settings.deploymentStyle as Json | undefined;
  if (style?.deploymentType !== 'BLUE_GREEN' || style.deploymentOption !== 'WITH_TRAFFIC_CONTROL')
    throw err(
      'InvalidDeploymentStyleException',
      'An ECS deployment group must use deploymentType BLUE_GREEN and deploymentOption WITH_TRAFFIC_CONTROL.',
    );
}

function settingsOf(input: Json, current: Json = {}): Json {
  const out: Json = { ...current };
  for (const k of SETTING_KEYS) if (input[k] !== undefined) out[k] = input[k];
  return out;
}

export function groupView(state: CodeDeployState, g: DeploymentGroupRecord): Json {
  const app = state.applications[g.applicationName];
  const deployments = Object.values(state.deployments)
    .filter((d) => d.applicationName === g.applicationName && d.deploymentGroupName === g.name)
    .sort((a, b) => b.createdAt - a.createdAt);
  const last = deployments[0];
  const ok = deployments.find((d) => d.status === 'Succeeded');
  const brief = (d: (typeof deployments)[number]) => ({
    deploymentId: d.id,
    status: d.status,
    ...(d.completedAt ? { endTime: new Date(d.completedAt) } : {}),
    createTime: new Date(d.createdAt),
  });
  return {
    applicationName: g.applicationName,
    deploymentGroupId: g.id,
    deploymentGroupName: g.name,
    computePlatform: app?.computePlatform ?? 'ECS',
    ...g.settings,
    ...(last ? { lastAttemptedDeployment: brief(last), targetRevision: last.revision } : {}),
    ...(ok ? { lastSuccessfulDeployment: brief(ok) } : {}),
  };
}

export function appHandlers(state: CodeDeployState, now: () => number): Record<string, Handler> {
  const appView = (name: string) => {
    const a = state.applications[name]!;
    return {
      applicationId: a.id,
      applicationName: a.name,
      computePlatform: a.computePlatform,
      createTime: new Date(a.createdAt),
      linkedToGitHub: false,
    };
  };
  return {
    CreateApplication: (input) => {
      const name = String(input.applicationName);
      if (state.applications[name]) throw err('ApplicationAlreadyExistsException', `The application ${name} already exists.`);
      const id = uuid();
      state.applications[name] = { id, name, computePlatform: (input.computePlatform as string | undefined) ?? 'Server', createdAt: now() };
      return { applicationId: id };
    },
    GetApplication: (input) => ({ application: appView(requireApplication(state, input.applicationName).name) }),
    BatchGetApplications: (input) => ({
      applicationsInfo: ((input.applicationNames as string[] | undefined) ?? []).map((n) => appView(requireApplication(state, n).name)),
    }),
    DeleteApplication: (input) => {
      const name = String(input.applicationName);
      delete state.applications[name];
      for (const [k, g] of Object.entries(state.groups)) if (g.applicationName === name) delete state.groups[k];
      return {};
    },
    ListApplications: (input) => {
      const page = paginate(
        Object.keys(state.applications).sort(),
        { nextToken: input.nextToken },
        { defaultSize: 100, maxSize: 100, badToken },
        'apps',
      );
      return { applications: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
    },
    CreateDeploymentGroup: (input) => {
      const app = requireApplication(state, input.applicationName);
      const name = String(input.deploymentGroupName);
      if (state.groups[groupKey(app.name, name)])
        throw err('DeploymentGroupAlreadyExistsException', `A deployment group with the name ${name} already exists for the application.`);
      const settings = settingsOf(input);
      settings.deploymentConfigName = findConfig(
        state,
        settings.deploymentConfigName ?? (app.computePlatform === 'ECS' ? DEFAULT_ECS_CONFIG : 'CodeDeployDefault.OneAtATime'),
      ).name;
      if (app.computePlatform === 'ECS') checkEcsGroup(settings);
      const id = uuid();
      state.groups[groupKey(app.name, name)] = { id, applicationName: app.name, name, settings };
      return { deploymentGroupId: id };
    },
    UpdateDeploymentGroup: (input) => {
      const app = requireApplication(state, input.applicationName);
      const g = requireGroup(state, app.name, input.currentDeploymentGroupName);
      const settings = settingsOf(input, g.settings);
      findConfig(state, settings.deploymentConfigName);
      if (app.computePlatform === 'ECS') checkEcsGroup(settings);
      g.settings = settings;
      const newName = input.newDeploymentGroupName as string | undefined;
      if (newName && newName !== g.name) {
        if (state.groups[groupKey(app.name, newName)])
          throw err(
            'DeploymentGroupAlreadyExistsException',
            `A deployment group with the name ${newName} already exists for the application.`,
          );
        delete state.groups[groupKey(app.name, g.name)];
        g.name = newName;
        state.groups[groupKey(app.name, newName)] = g;
      }
      return {};
    },
    GetDeploymentGroup: (input) => {
      const app = requireApplication(state, input.applicationName);
      return { deploymentGroupInfo: groupView(state, requireGroup(state, app.name, input.deploymentGroupName)) };
    },
    BatchGetDeploymentGroups: (input) => {
      const app = requireApplication(state, input.applicationName);
      const names = (input.deploymentGroupNames as string[] | undefined) ?? [];
      const found = names.map((n) => state.groups[groupKey(app.name, n)]).filter((g): g is DeploymentGroupRecord => g !== undefined);
      const missing = names.filter((n) => !state.groups[groupKey(app.name, n)]);
      return {
        deploymentGroupsInfo: found.map((g) => groupView(state, g)),
        ...(missing.length ? { errorMessage: `Deployment groups not found: ${missing.join(', ')}` } : {}),
      };
    },
    DeleteDeploymentGroup: (input) => {
      const app = requireApplication(state, input.applicationName);
      requireGroup(state, app.name, input.deploymentGroupName);
      delete state.groups[groupKey(app.name, String(input.deploymentGroupName))];
      return { hooksNotCleanedUp: [] };
    },
    ListDeploymentGroups: (input) => {
      const app = requireApplication(state, input.applicationName);
      const names = Object.values(state.groups)
        .filter((g) => g.applicationName === app.name)
        .map((g) => g.name)
        .sort();
      const page = paginate(names, { nextToken: input.nextToken }, { defaultSize: 100, maxSize: 100, badToken }, `groups:${app.name}`);
      return { applicationName: app.name, deploymentGroups: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
    },
  };
}
