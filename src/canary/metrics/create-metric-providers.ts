// The metric provider factory: every check kind maps to exactly one backend (the switch is exhaustive).
import type { CanaryCloudWatch } from '../aws/canary-aws.js';
import type { MetricCheck } from '../canary-spec.js';
import { createCloudWatchProvider } from './cloudwatch-provider.js';
import { createHttpProvider } from './http-provider.js';
import type { MetricProvider } from './metric-provider.js';
import { createPrometheusProvider } from './prometheus-provider.js';

export type ProviderFor = (check: MetricCheck) => MetricProvider;

export function createMetricProviders(cloudwatch: CanaryCloudWatch): ProviderFor {
  const cw = createCloudWatchProvider(cloudwatch);
  const prom = createPrometheusProvider();
  const http = createHttpProvider();
  return (check) => {
    switch (check.kind) {
      case 'success-rate':
      case 'latency':
      case 'error-rate-vs-stable':
      case 'cloudwatch':
        return cw;
      case 'prometheus':
        return prom;
      case 'http':
        return http;
    }
  };
}
