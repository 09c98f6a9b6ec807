// EC2's own Query dialect: `Filter.1.Value.1` style input, `<XxxResponse><requestId>` XML output without a Result wrapper.
import type { MemberRef, ServiceModel } from '../model/model.js';
import { shapeOf } from '../model/model.js';
import type { CallContext, SandboxService } from '../service.js';
import { ec2Error } from './error-shapes.js';
import { asAwsError, invoke, unknownOperation } from './invoke.js';
import { scalarParam } from './query-input.js';
import type { WireResponse } from './wire.js';
import { writeXml, xmlDocument } from './xml-output.js';

type Params = ReadonlyMap<string, string>;

/** botocore's EC2Serializer: queryName, else the locationName capitalised, else the member name. */
const wireName = (ref: MemberRef, name: string): string =>
  ref.queryName ?? (ref.locationName ? ref.locationName.charAt(0).toUpperCase() + ref.locationName.slice(1) : name);

function hasPrefix(params: Params, prefix: string): boolean {
  for (const k of params.keys()) if (k === prefix || k.startsWith(`${prefix}.`)) return true;
  return false;
}

function read(model: ServiceModel, ref: MemberRef, params: Params, prefix: string): unknown {
  const shape = shapeOf(model, ref.shape);
  if (shape.type === 'structure') {
    if (prefix !== '' && !hasPrefix(params, prefix)) return undefined;
    const out: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(shape.members ?? {})) {
      const key = wireName(member, name);
      const v = read(model, member, params, prefix ? `${prefix}.${key}` : key);
      if (v !== undefined) out[name] = v;
    }
    return out;
  }
  if (shape.type === 'list') {
    // EC2 lists are always flattened: Name.1, Name.2, ...
    if (!hasPrefix(params, `${prefix}.1`)) return params.has(prefix) ? [] : undefined;
    const items: unknown[] = [];
    for (let i = 1; hasPrefix(params, `${prefix}.${i}`); i++) items.push(read(model, shape.member!, params, `${prefix}.${i}`));
    return items;
  }
  const raw = params.get(prefix);
  return raw === undefined ? undefined : scalarParam(model, ref, raw, prefix);
}

export function readEc2Input(model: ServiceModel, shapeName: string | undefined, params: Params): Record<string, unknown> {
  if (!shapeName) return {};
  return (read(model, { shape: shapeName }, params, '') as Record<string, unknown> | undefined) ?? {};
}

export async function handleEc2(service: SandboxService, ctx: CallContext, params: Params): Promise<WireResponse> {
  try {
    const op = service.model.operations[ctx.operation];
    if (!op || !service.handlers[ctx.operation]) throw unknownOperation(service, ctx.operation, ctx.protocol);
    const input = readEc2Input(service.model, op.input, params);
    const output = await invoke(service, input, ctx);
    const parts: string[] = [`<requestId>${ctx.requestId}</requestId>`];
    if (op.output) writeXml(service.model, { shape: op.output }, output ?? {}, undefined, parts);
    const ns = `${service.model.metadata.xmlNamespace ?? ''}/`;
    return {
      status: 200,
      headers: { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': ctx.requestId },
      body: xmlDocument(`${ctx.operation}Response`, ns, parts.join('')),
    };
  } catch (e) {
    return ec2Error(asAwsError(e), ctx.requestId);
  }
}
