// What GET /_cortado/health lists: every service the sandbox serves, how clients reach it, and the operations it answers.
import type { SandboxService } from './service.js';

export interface ServedService {
  readonly name: string;
  readonly serviceId: string;
  readonly signingName: string;
  readonly protocols: readonly string[];
  readonly targetPrefix?: string;
  /** Operations with a handler; every other operation of the model is refused as AWS refuses an unknown one. */
  readonly operations: readonly string[];
}

export function servedServices(services: readonly SandboxService[]): readonly ServedService[] {
  return services.map((s) => {
    const m = s.model.metadata;
    return {
      name: s.name,
      serviceId: m.serviceId,
      signingName: m.signingName ?? m.endpointPrefix,
      protocols: m.protocols ?? [m.protocol],
      ...(m.targetPrefix ? { targetPrefix: m.targetPrefix } : {}),
      operations: Object.keys(s.handlers)
        .filter((op) => s.model.operations[op] !== undefined)
        .sort(),
    };
  });
}
