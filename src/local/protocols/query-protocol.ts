// awsQuery (Action=...&Version=...) requests with XML responses, as ELBv2, STS and older CloudWatch clients speak.
import type { AwsError } from '../aws-error.js';
import type { CallContext, SandboxService } from '../service.js';
import { asAwsError, invoke } from './invoke.js';
import { parseForm, readQueryInput } from './query-input.js';
import type { WireResponse } from './wire.js';
import { xmlEscape } from './wire.js';
import { writeXml, xmlDocument } from './xml-output.js';

export function queryError(err: AwsError, requestId: string): WireResponse {
  const extra = Object.entries(err.extra)
    .map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`)
    .join('');
  const body = xmlDocument(
    'ErrorResponse',
    undefined,
    `<Error><Type>${err.fault}</Type><Code>${xmlEscape(err.code)}</Code><Message>${xmlEscape(err.message)}</Message>${extra}</Error><RequestId>${requestId}</RequestId>`,
  );
  return { status: err.status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, errorCode: err.code, body };
}

export async function handleQuery(service: SandboxService, ctx: CallContext, params: ReadonlyMap<string, string>): Promise<WireResponse> {
  try {
    const op = service.model.operations[ctx.operation];
    const input = readQueryInput(service.model, op?.input, params);
    const output = await invoke(service, input, ctx);
    const parts: string[] = [];
    if (op?.output) writeXml(service.model, { shape: op.output }, output ?? {}, op.resultWrapper ?? `${ctx.operation}Result`, parts);
    parts.push(`<ResponseMetadata><RequestId>${ctx.requestId}</RequestId></ResponseMetadata>`);
    const ns = service.model.metadata.xmlNamespace;
    return {
      status: 200,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': ctx.requestId },
      body: xmlDocument(`${ctx.operation}Response`, ns, parts.join('')),
    };
  } catch (e) {
    return queryError(asAwsError(e), ctx.requestId);
  }
}

export { parseForm };
