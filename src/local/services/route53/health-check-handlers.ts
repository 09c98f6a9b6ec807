// Health checks: Create (CallerReference idempotency), Get, List, Update (HealthCheckVersion), Delete, counts and status.
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../aws-error.js';
import type { SandboxEnv } from '../../env.js';
import type { Handler } from '../../service.js';
import { observations, sameConfig, updatedConfig, withDefaults, type HealthCheckConfig } from './health-check-config.js';
import { invalidInput, noSuchHealthCheck, pageSize } from './route53-errors.js';
import type { HealthCheckState, Route53Store } from './route53-store.js';

/** Route 53's default quota of health checks per account [DG R53 "Quotas"]. */
export const MAX_HEALTH_CHECKS = 200;
const MAX_HEALTH_CHECKS_PER_PAGE = 1000;

const healthCheckOutput = (h: HealthCheckState): Record<string, unknown> => ({
  Id: h.id,
  CallerReference: h.callerReference,
  HealthCheckConfig: h.config,
  HealthCheckVersion: h.version,
});

export function healthCheckHandlers(env: SandboxEnv, store: Route53Store): Record<string, Handler> {
  const find = (id: unknown): HealthCheckState => {
    const h = store.healthChecks.get(String(id));
    if (!h) throw noSuchHealthCheck(String(id));
    return h;
  };
  return {
    CreateHealthCheck: (input) => {
      const ref = String(input.CallerReference);
      const config = withDefaults(input.HealthCheckConfig as HealthCheckConfig);
      const earlier = store.healthCheckReferences.get(ref);
      if (earlier !== undefined) {
        // The same request again answers the same check; new settings, or a deleted check's reference, are refused.
        const existing = store.healthChecks.get(earlier);
        if (existing && sameConfig(existing.config, config))
          return { HealthCheck: healthCheckOutput(existing), Location: `${env.endpoint()}/2013-04-01/healthcheck/${existing.id}` };
        throw new AwsError(
          'HealthCheckAlreadyExists',
          `A health check has already been created with the specified caller reference (${ref}), with different settings or since deleted.`,
          409,
        );
      }
      if (store.healthChecks.size >= MAX_HEALTH_CHECKS)
        throw new AwsError('TooManyHealthChecks', `The account has reached the limit of ${MAX_HEALTH_CHECKS} active health checks.`);
      for (const child of (config.ChildHealthChecks as string[] | undefined) ?? [])
        if (!store.healthChecks.has(child)) throw noSuchHealthCheck(child);
      const h: HealthCheckState = { id: randomUUID(), callerReference: ref, config, version: 1 };
      store.healthChecks.set(h.id, h);
      store.healthCheckReferences.set(ref, h.id);
      return { HealthCheck: healthCheckOutput(h), Location: `${env.endpoint()}/2013-04-01/healthcheck/${h.id}` };
    },
    GetHealthCheck: (input) => ({ HealthCheck: healthCheckOutput(find(input.HealthCheckId)) }),
    ListHealthChecks: (input) => {
      const size = pageSize(input.MaxItems, MAX_HEALTH_CHECKS_PER_PAGE, 100);
      const all = [...store.healthChecks.values()];
      let start = 0;
      if (input.Marker !== undefined) {
        start = all.findIndex((h) => h.id === input.Marker);
        if (start < 0) throw invalidInput(`The marker ${String(input.Marker)} is not valid.`);
      }
      const next = all[start + size];
      return {
        HealthChecks: all.slice(start, start + size).map(healthCheckOutput),
        Marker: input.Marker ?? '',
        IsTruncated: next !== undefined,
        ...(next ? { NextMarker: next.id } : {}),
        MaxItems: String(size),
      };
    },
    UpdateHealthCheck: (input) => {
      const h = find(input.HealthCheckId);
      if (input.HealthCheckVersion !== undefined && Number(input.HealthCheckVersion) !== h.version) {
        throw new AwsError(
          'HealthCheckVersionMismatch',
          `The value of HealthCheckVersion in the request (${String(input.HealthCheckVersion)}) doesn't match the value of HealthCheckVersion in the health check (${h.version}).`,
          409,
        );
      }
      const config = updatedConfig(h.config, input);
      for (const child of (config.ChildHealthChecks as string[] | undefined) ?? [])
        if (!store.healthChecks.has(child)) throw noSuchHealthCheck(child);
      const updated: HealthCheckState = { ...h, config, version: h.version + 1 };
      store.healthChecks.set(h.id, updated);
      return { HealthCheck: healthCheckOutput(updated) };
    },
    // Route 53 lets a health check go while records still name it [API DeleteHealthCheck]; HealthCheckInUse is "not in use".
    DeleteHealthCheck: (input) => {
      store.healthChecks.delete(find(input.HealthCheckId).id);
      return {};
    },
    GetHealthCheckCount: () => ({ HealthCheckCount: store.healthChecks.size }),
    GetHealthCheckStatus: (input) => {
      const h = find(input.HealthCheckId);
      if (h.config.Type === 'CALCULATED')
        throw invalidInput("You can't use GetHealthCheckStatus to get the status of a calculated health check.");
      return { HealthCheckObservations: observations(h.config, env.clock.now()) };
    },
    GetHealthCheckLastFailureReason: (input) => {
      find(input.HealthCheckId);
      return { HealthCheckObservations: [] };
    },
  };
}
