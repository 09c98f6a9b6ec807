// restJson1 requests (EventBridge Scheduler): URI labels, query string, headers and a JSON body; JSON answers.
import type { AwsError } from '../aws-error.js';
import type { ServiceModel } from '../model/model.js';
import { shapeOf } from '../model/model.js';
import type { CallContext, SandboxService } from '../service.js';
import { restJsonError } from './error-shapes.js';
import { asAwsError, invoke } from './invoke.js';
import { readJsonInput, writeJsonOutput } from './json-input.js';
import type { WireResponse } from './wire.js';
import { toDate } from './wire.js';

function scalar(model: ServiceModel, shapeName: string, raw: string): unknown {
  const type = shapeOf(model, shapeName).type;
  if (type === 'integer' || type === 'long') return /^-?\d+$/.test(raw) ? Number(raw) : raw;
  if (type === 'boolean') return raw === 'true';
  if (type === 'timestamp') return toDate(raw) ?? raw;
  return raw;
}

function readInput(model: ServiceModel, shapeName: string | undefined, ctx: CallContext, labels: Readonly<Record<string, string>>) {
  if (!shapeName) return {};
  const input = readJsonInput(model, shapeName, ctx.http.body);
  for (const [name, ref] of Object.entries(shapeOf(model, shapeName).members ?? {})) {
    const wire = ref.locationName ?? name;
    if (ref.location) delete input[name]; // located members never come from the body
    if (ref.location === 'uri' && labels[wire] !== undefined) input[name] = labels[wire];
    else if (ref.location === 'querystring') {
      const member = shapeOf(model, ref.shape);
      if (member.type === 'list') {
        const all = ctx.http.query.getAll(wire);
        if (all.length) input[name] = all.map((v) => scalar(model, member.member!.shape, v));
      } else if (ctx.http.query.has(wire)) input[name] = scalar(model, ref.shape, ctx.http.query.get(wire)!);
    } else if (ref.location === 'header') {
      const raw = ctx.http.headers[wire.toLowerCase()];
      if (typeof raw === 'string') input[name] = scalar(model, ref.shape, raw);
    }
  }
  return input;
}

function writeOutput(service: SandboxService, ctx: CallContext, output: Record<string, unknown>): WireResponse {
  const model = service.model;
  const op = model.operations[ctx.operation];
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-requestid': ctx.requestId };
  const body: Record<string, unknown> = {};
  const members = op?.output ? (shapeOf(model, op.output).members ?? {}) : {};
  for (const [name, v] of Object.entries(output)) {
    const ref = members[name];
    if (ref?.location === 'header') headers[(ref.locationName ?? name).toLowerCase()] = String(v);
    else if (ref) body[ref.locationName ?? name] = v;
  }
  return { status: op?.http?.responseCode ?? 200, headers, body: writeJsonOutput(body) };
}

export async function handleRestJson(
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
    const err: AwsError = asAwsError(e);
    return restJsonError(err, ctx.requestId);
  }
}
