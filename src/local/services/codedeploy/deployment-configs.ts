// Deployment configurations: CodeDeploy's predefined ECS ones, CreateDeploymentConfig for ECS traffic routing, and the shift plan.
import type { Handler } from '../../service.js';
import { uuid } from '../../ids.js';
import { type CodeDeployState, type DeploymentConfigRecord, type Json, err } from './codedeploy-state.js';

const canary = (percentage: number, interval: number): Json => ({
  type: 'TimeBasedCanary',
  timeBasedCanary: { canaryPercentage: percentage, canaryInterval: interval },
});
const linear = (percentage: number, interval: number): Json => ({
  type: 'TimeBasedLinear',
  timeBasedLinear: { linearPercentage: percentage, linearInterval: interval },
});

/** [DG:"Deployment configurations on an Amazon ECS compute platform"]: the predefined ECS configurations. */
const PREDEFINED: Record<string, Json> = {
  'CodeDeployDefault.ECSAllAtOnce': { type: 'AllAtOnce' },
  'CodeDeployDefault.ECSLinear10PercentEvery1Minutes': linear(10, 1),
  'CodeDeployDefault.ECSLinear10PercentEvery3Minutes': linear(10, 3),
  'CodeDeployDefault.ECSCanary10Percent5Minutes': canary(10, 5),
  'CodeDeployDefault.ECSCanary10Percent15Minutes': canary(10, 15),
};

export const DEFAULT_ECS_CONFIG = 'CodeDeployDefault.ECSAllAtOnce';

/** A stable id per predefined name, so GetDeploymentConfig answers the same id every time. */
const predefinedId = (name: string): string => {
  const hex = Buffer.from(name).toString('hex').padEnd(32, '0').slice(-32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

export function findConfig(state: CodeDeployState, name: unknown): DeploymentConfigRecord {
  if (typeof name !== 'string' || name === '')
    throw err('DeploymentConfigNameRequiredException', 'Deployment configuration name was not specified.');
  const pre = PREDEFINED[name];
  if (pre) return { id: predefinedId(name), name, computePlatform: 'ECS', trafficRoutingConfig: pre, createdAt: 0 };
  const c = state.configs[name];
  if (!c) throw err('DeploymentConfigDoesNotExistException', `No deployment configuration found for name: ${name}`);
  return c;
}

/** The green side's share of production traffic after each step, percent, and the wait after every step but the last. */
export interface ShiftPlan {
  readonly steps: readonly number[];
  readonly intervalMinutes: number;
}

export function shiftPlan(c: DeploymentConfigRecord): ShiftPlan {
  const t = c.trafficRoutingConfig ?? { type: 'AllAtOnce' };
  if (t.type === 'TimeBasedCanary') {
    const b = (t.timeBasedCanary as Json | undefined) ?? {};
    return { steps: [Number(b.canaryPercentage ?? 10), 100], intervalMinutes: Number(b.canaryInterval ?? 0) };
  }
  if (t.type === 'TimeBasedLinear') {
    const b = (t.timeBasedLinear as Json | undefined) ?? {};
    const p = Number(b.linearPercentage ?? 10);
    const steps: number[] = [];
    for (let s = p; s < 100; s += p) steps.push(s);
    steps.push(100);
    return { steps, intervalMinutes: Number(b.linearInterval ?? 0) };
  }
  return { steps: [100], intervalMinutes: 0 };
}

function configView(c: DeploymentConfigRecord): Json {
  return {
    deploymentConfigId: c.id,
    deploymentConfigName: c.name,
    computePlatform: c.computePlatform,
    createTime: new Date(c.createdAt),
    ...(c.trafficRoutingConfig ? { trafficRoutingConfig: c.trafficRoutingConfig } : {}),
    ...(c.minimumHealthyHosts ? { minimumHealthyHosts: c.minimumHealthyHosts } : {}),
  };
}

function checkRouting(t: Json | undefined): void {
  if (!t) return;
  const bad = (m: string) => err('InvalidTrafficRoutingConfigurationException', m);
  if (t.type === 'TimeBasedCanary') {
    const b = t.timeBasedCanary as Json | undefined;
    if (!b || typeof b.canaryPercentage !== 'number' || typeof b.canaryInterval !== 'number')
      throw bad('TimeBasedCanary requires canaryPercentage and canaryInterval.');
    if (b.canaryPercentage <= 0 || b.canaryPercentage >= 100) throw bad('canaryPercentage must be between 1 and 99.');
  }
  if (t.type === 'TimeBasedLinear') {
    const b = t.timeBasedLinear as Json | undefined;
    if (!b || typeof b.linearPercentage !== 'number' || typeof b.linearInterval !== 'number')
      throw bad('TimeBasedLinear requires linearPercentage and linearInterval.');
    if (b.linearPercentage <= 0 || b.linearPercentage >= 100) throw bad('linearPercentage must be between 1 and 99.');
  }
}

export function configHandlers(state: CodeDeployState, now: () => number): Record<string, Handler> {
  return {
    GetDeploymentConfig: (input) => ({ deploymentConfigInfo: configView(findConfig(state, input.deploymentConfigName)) }),
    ListDeploymentConfigs: () => ({
      deploymentConfigsList: [...Object.keys(PREDEFINED), ...Object.keys(state.configs)].sort(),
    }),
    CreateDeploymentConfig: (input) => {
      const name = String(input.deploymentConfigName);
      if (PREDEFINED[name] || state.configs[name])
        throw err('DeploymentConfigAlreadyExistsException', `A deployment configuration with the name ${name} already exists.`);
      const platform = (input.computePlatform as string | undefined) ?? 'Server';
      const routing = input.trafficRoutingConfig as Json | undefined;
      if (platform === 'ECS' && input.minimumHealthyHosts !== undefined)
        throw err('InvalidMinimumHealthyHostValueException', 'minimumHealthyHosts is not supported for the ECS compute platform.');
      checkRouting(routing);
      const c: DeploymentConfigRecord = {
        id: uuid(),
        name,
        computePlatform: platform,
        ...(routing ? { trafficRoutingConfig: routing } : {}),
        ...(input.minimumHealthyHosts ? { minimumHealthyHosts: input.minimumHealthyHosts as Json } : {}),
        createdAt: now(),
      };
      state.configs[name] = c;
      return { deploymentConfigId: c.id };
    },
    DeleteDeploymentConfig: (input) => {
      const name = String(input.deploymentConfigName);
      if (PREDEFINED[name]) throw err('InvalidOperationException', 'The predefined deployment configurations cannot be deleted.');
      delete state.configs[name];
      return {};
    },
  };
}
