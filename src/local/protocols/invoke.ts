// Validates typed input against the model, then runs the service's handler: shared by every protocol.
import { AwsError } from '../aws-error.js';
import { validateInput } from '../model/validate.js';
import type { CallContext, Input, SandboxService } from '../service.js';
import { validationError } from './validation-error.js';

export async function invoke(service: SandboxService, input: Input, ctx: CallContext): Promise<unknown> {
  const operation = service.model.operations[ctx.operation];
  const handler = service.handlers[ctx.operation];
  if (!operation || !handler) throw unknownOperation(service, ctx.operation, ctx.protocol);
  const violations = validateInput(service.model, operation.input, input);
  if (violations.length > 0) throw validationError(service.validation, service.model, operation.input!, violations);
  return await handler(input, ctx);
}

export function unknownOperation(service: SandboxService, operation: string, protocol: CallContext['protocol']): AwsError {
  const known = service.model.operations[operation] !== undefined;
  const detail = known
    ? `cortado local does not implement ${service.model.metadata.serviceId} ${operation} yet`
    : `Unknown operation ${operation}`;
  return protocol === 'query' || protocol === 'ec2'
    ? new AwsError('InvalidAction', `The action ${operation} is not valid for this web service. (${detail})`)
    : new AwsError('UnknownOperationException', detail);
}

/** Anything that is not an AwsError is our bug: answer AWS's generic 500 instead of crashing. */
export function asAwsError(e: unknown): AwsError {
  if (e instanceof AwsError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new AwsError(
    'InternalFailure',
    `The request processing has failed because of an unknown error, exception or failure. (${message})`,
    500,
  );
}
