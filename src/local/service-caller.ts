// In-process calls from one sandbox service to another's API, as AWS service principals make them (Scheduler → ECS).
import { randomUUID } from 'node:crypto';
import { AwsError } from './aws-error.js';
import type { ServiceCaller } from './env.js';
import { invoke } from './protocols/invoke.js';
import type { CallContext, SandboxService } from './service.js';

export function createServiceCaller(
  services: readonly SandboxService[],
  region: string,
  accountId: string,
  now: () => Date,
): ServiceCaller {
  return {
    async call(name, operation, input) {
      const service = services.find((s) => s.name === name);
      if (!service) throw new AwsError('InternalFailure', `cortado local does not serve ${name}`, 500);
      const ctx: CallContext = {
        region,
        accountId,
        requestId: randomUUID(),
        service: name,
        operation,
        protocol: 'json',
        http: { method: 'POST', path: '/', query: new URLSearchParams(), headers: {}, body: Buffer.alloc(0) },
        now,
      };
      return await invoke(service, input, ctx);
    },
  };
}
