// restXml requests (Route 53, S3 path-style): URI labels, query, headers and XML or raw payloads.
import { AwsError } from '../aws-error.js';
import type { MemberRef, ServiceModel } from '../model/model.js';
import { shapeOf } from '../model/model.js';
import type { CallContext, SandboxService } from '../service.js';
import { asAwsError, invoke } from './invoke.js';
import type { WireResponse } from './wire.js';
import { toDate, xmlEscape } from './wire.js';
import { readXmlBody } from './xml-input.js';
import { writeXml, xmlDocument } from './xml-output.js';

const NAMESPACES: Readonly<Record<string, string>> = {
  route53: 'https://route53.amazonaws.com/doc/2013-04-01/',
  s3: 'http://s3.amazonaws.com/doc/2006-03-01/',
};

/** Root elements the botocore models do not name (Smithy's @xmlName on S3 outputs). */
const ROOT_NAMES: Readonly<Record<string, string>> = {
  ListObjectsV2Output: 'ListBucketResult',
  ListObjectsOutput: 'ListBucketResult',
  ListBucketsOutput: 'ListAllMyBucketsResult',
  CreateMultipartUploadOutput: 'InitiateMultipartUploadResult',
  CompleteMultipartUploadOutput: 'CompleteMultipartUploadResult',
  DeleteObjectsOutput: 'DeleteResult',
  ListMultipartUploadsOutput: 'ListMultipartUploadsResult',
  ListPartsOutput: 'ListPartsResult',
  ListObjectVersionsOutput: 'ListVersionsResult',
};

/** A handler may set this on its output to answer another success status than the model's (S3's 206 for a Range GET). */
export const HTTP_STATUS: unique symbol = Symbol.for('cortado.local.httpStatus');

function headerValue(model: ServiceModel, ref: MemberRef, raw: string): unknown {
  const shape = shapeOf(model, ref.shape);
  // A list in a header is its items joined by commas (S3's x-amz-optional-object-attributes).
  if (shape.type === 'list' && ref.location === 'header' && shape.member) {
    return raw.split(',').map((item) => headerValue(model, shape.member!, item.trim()));
  }
  if (shape.type === 'integer' || shape.type === 'long') return Number(raw);
  if (shape.type === 'boolean') return raw === 'true';
  if (shape.type === 'timestamp') return toDate(raw);
  return raw;
}

function readInput(
  model: ServiceModel,
  shapeName: string | undefined,
  ctx: CallContext,
  labels: Readonly<Record<string, string>>,
): Record<string, unknown> {
  if (!shapeName) return {};
  const shape = shapeOf(model, shapeName);
  const input: Record<string, unknown> = {};
  const { http } = ctx;
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const wire = ref.locationName ?? name;
    if (ref.location === 'uri') {
      if (labels[wire] !== undefined) input[name] = labels[wire];
    } else if (ref.location === 'querystring') {
      const memberShape = shapeOf(model, ref.shape);
      if (memberShape.type === 'list') {
        const all = http.query.getAll(wire);
        if (all.length) input[name] = all;
      } else if (http.query.has(wire)) input[name] = headerValue(model, ref, http.query.get(wire)!);
    } else if (ref.location === 'header') {
      const raw = http.headers[wire.toLowerCase()];
      if (typeof raw === 'string') input[name] = headerValue(model, ref, raw);
    } else if (ref.location === 'headers') {
      const prefix = wire.toLowerCase();
      const map: Record<string, string> = {};
      for (const [k, v] of Object.entries(http.headers)) if (k.startsWith(prefix) && typeof v === 'string') map[k.slice(prefix.length)] = v;
      if (Object.keys(map).length) input[name] = map;
    }
  }
  if (shape.payload) {
    const ref = shape.members?.[shape.payload];
    if (ref) {
      const payloadShape = shapeOf(model, ref.shape);
      if (payloadShape.type === 'blob' || payloadShape.type === 'string') input[shape.payload] = http.body;
      else {
        const v = readXmlBody(model, ref, http.body);
        if (v !== undefined) input[shape.payload] = v;
      }
    }
  } else {
    const body = readXmlBody(model, { shape: shapeName }, http.body) as Record<string, unknown> | undefined;
    if (body) for (const [k, v] of Object.entries(body)) if (input[k] === undefined) input[k] = v;
  }
  return input;
}

function writeOutput(service: SandboxService, ctx: CallContext, output: Record<string, unknown>): WireResponse {
  const model = service.model;
  const op = model.operations[ctx.operation];
  const headers: Record<string, string> = { 'x-amzn-requestid': ctx.requestId, 'x-amz-request-id': ctx.requestId };
  const override = (output as { [HTTP_STATUS]?: unknown })[HTTP_STATUS];
  let status = typeof override === 'number' ? override : (op?.http?.responseCode ?? 200);
  if (!op?.output) return { status, headers, body: '' };
  const shape = shapeOf(model, op.output);
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const v = output[name];
    if (v === undefined || v === null) continue;
    if (ref.location === 'header') headers[(ref.locationName ?? name).toLowerCase()] = v instanceof Date ? v.toUTCString() : String(v);
    else if (ref.location === 'headers')
      for (const [k, hv] of Object.entries(v as Record<string, string>)) headers[`${(ref.locationName ?? name).toLowerCase()}${k}`] = hv;
    else if (ref.location === 'statusCode') status = Number(v);
  }
  const ns = NAMESPACES[service.name];
  if (shape.payload) {
    const ref = shape.members?.[shape.payload];
    const v = output[shape.payload];
    if (!ref || v === undefined) return { status, headers, body: '' };
    const payloadShape = shapeOf(model, ref.shape);
    if (payloadShape.type === 'blob' || payloadShape.type === 'string')
      return { status, headers, body: Buffer.isBuffer(v) ? v : String(v) };
    const parts: string[] = [];
    writeXml(model, ref, v, undefined, parts);
    headers['content-type'] = 'application/xml';
    return { status, headers, body: xmlDocument(ref.locationName ?? payloadShape.locationName ?? ref.shape, ns, parts.join('')) };
  }
  // Outputs made only of headers (S3 PutObject, HeadObject, ...) have no body at all, and HEAD never has one.
  const members = Object.values(shape.members ?? {});
  if (ctx.http.method === 'HEAD' || (members.length > 0 && members.every((m) => m.location))) return { status, headers, body: '' };
  const parts: string[] = [];
  writeXml(model, { shape: op.output }, output, undefined, parts);
  headers['content-type'] = 'application/xml';
  return { status, headers, body: xmlDocument(shape.locationName ?? ROOT_NAMES[op.output] ?? op.output, ns, parts.join('')) };
}

export function restXmlError(service: SandboxService, err: AwsError, requestId: string, method: string): WireResponse {
  const headers: Record<string, string> = {
    'content-type': 'application/xml',
    'x-amzn-requestid': requestId,
    'x-amz-request-id': requestId,
  };
  // HEAD answers carry no body, and neither does 304 Not Modified (RFC 9110).
  if (method === 'HEAD' || err.status === 304) return { status: err.status, headers, errorCode: err.code, body: '' };
  const extra = Object.entries(err.extra)
    .map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`)
    .join('');
  const error = `<Code>${xmlEscape(err.code)}</Code><Message>${xmlEscape(err.message)}</Message>${extra}`;
  const body =
    service.name === 's3'
      ? xmlDocument('Error', undefined, `${error}<RequestId>${requestId}</RequestId>`)
      : xmlDocument(
          'ErrorResponse',
          NAMESPACES[service.name],
          `<Error><Type>${err.fault}</Type>${error}</Error><RequestId>${requestId}</RequestId>`,
        );
  return { status: err.status, headers, errorCode: err.code, body };
}

export async function handleRestXml(
  service: SandboxService,
  ctx: CallContext,
  labels: Readonly<Record<string, string>>,
): Promise<WireResponse> {
  try {
    const op = service.model.operations[ctx.operation];
    const input = readInput(service.model, op?.input, ctx, labels);
    const output = (await invoke(service, input, ctx)) as Record<string, unknown> | undefined;
    return writeOutput(service, ctx, output ?? {});
  } catch (e) {
    return restXmlError(service, asAwsError(e), ctx.requestId, ctx.http.method);
  }
}

export const noSuchRoute = (method: string, path: string): AwsError =>
  new AwsError('InvalidRequest', `No operation matches ${method} ${path}`, 400);
