// awsJson1_0 / awsJson1_1 (X-Amz-Target) requests and responses, with query-compatible error headers.
import { AwsError } from '../aws-error.js';
import type { CallContext, SandboxService } from '../service.js';
import { asAwsError, invoke } from './invoke.js';
import { readJsonInput, writeJsonOutput } from './json-input.js';
import type { WireResponse } from './wire.js';

function contentType(service: SandboxService): string {
  return `application/x-amz-json-${service.model.metadata.jsonVersion ?? '1.1'}`;
}

export function jsonError(service: SandboxService, err: AwsError, requestId: string): WireResponse {
  const headers: Record<string, string> = {
    'content-type': contentType(service),
    'x-amzn-requestid': requestId,
    'x-amzn-errortype': err.code,
  };
  if (service.model.metadata.awsQueryCompatible) headers['x-amzn-query-error'] = `${err.code};${err.fault}`;
  return {
    status: err.status,
    headers,
    errorCode: err.code,
    body: JSON.stringify({ __type: err.code, message: err.message, ...err.extra }),
  };
}

export async function handleJson(service: SandboxService, ctx: CallContext): Promise<WireResponse> {
  try {
    const op = service.model.operations[ctx.operation];
    const input = readJsonInput(service.model, op?.input, ctx.http.body);
    const output = await invoke(service, input, ctx);
    return {
      status: 200,
      headers: { 'content-type': contentType(service), 'x-amzn-requestid': ctx.requestId },
      body: writeJsonOutput(output),
    };
  } catch (e) {
    return jsonError(service, asAwsError(e), ctx.requestId);
  }
}
