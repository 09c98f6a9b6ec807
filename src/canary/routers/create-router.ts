// The traffic router factory: the spec's router kind picks exactly one backend (the switch is exhaustive).
import type { Clock } from '../../core/clock.js';
import type { CanaryAws } from '../aws/canary-aws.js';
import type { RouterSpec } from '../canary-spec.js';
import { createAlbRouter } from './alb-router.js';
import { createEcsNativeRouter } from './ecs-native-router.js';
import { createTaskCountRouter } from './task-count-router.js';
import type { TrafficRouter } from './traffic-router.js';

export function createRouter(spec: RouterSpec, aws: CanaryAws, clock: Clock): TrafficRouter {
  switch (spec.kind) {
    case 'alb':
      return createAlbRouter(spec, { ecs: aws.ecs, elb: aws.elb, clock });
    case 'ecs-native':
      return createEcsNativeRouter({ ecs: aws.ecs, elb: aws.elb, clock });
    case 'tasks':
      return createTaskCountRouter(aws.ecs);
  }
}
