// The scenario of each capability the campaign covers.
import { autoscaleScenario } from './autoscale.js';
import { canaryScenario } from './canary.js';
import { deployScenario } from './deploy.js';
import { envScenario } from './env.js';
import { scheduleScenario } from './schedule.js';
import type { Capability } from './outcome.js';
import type { Scenario } from './scenario.js';

export const SCENARIOS: Partial<Record<Capability, Scenario>> = {
  deploy: deployScenario,
  env: envScenario,
  canary: canaryScenario,
  autoscale: autoscaleScenario,
  schedule: scheduleScenario,
};
