// The exhaustive factory of load sources: one per kind, an unknown kind cannot get here (the config rejects it).
import type { SourceSpec } from '../autoscale-spec.js';
import { albSource, type AlbSourceDeps } from './alb-source.js';
import { ecsMetricsSource, type EcsMetricsDeps } from './ecs-metrics-source.js';
import { jsonSource } from './json-source.js';
import type { LoadSource } from './load-source.js';
import { nginxSource } from './nginx-source.js';
import { prometheusSource } from './prometheus-source.js';

export type SourceDeps = AlbSourceDeps & EcsMetricsDeps;

export function createLoadSource(spec: SourceSpec, deps: SourceDeps): LoadSource {
  switch (spec.kind) {
    case 'nginx':
      return nginxSource(spec);
    case 'prometheus':
      return prometheusSource(spec);
    case 'json':
      return jsonSource(spec);
    case 'alb':
      return albSource(spec, deps);
    case 'ecs':
      return ecsMetricsSource(spec, deps);
  }
}
