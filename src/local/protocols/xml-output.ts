// Serialises handler output to XML by the model (awsQuery and restXml responses).
import type { MemberRef, ServiceModel } from '../model/model.js';
import { shapeOf } from '../model/model.js';
import { isoTimestamp, xmlEscape } from './wire.js';

function scalarText(value: unknown): string {
  if (value instanceof Date) return isoTimestamp(value);
  if (Buffer.isBuffer(value)) return value.toString('base64');
  return String(value);
}

/** Writes `value` as element `name` (or as its children only when name is undefined). */
export function writeXml(model: ServiceModel, ref: MemberRef, value: unknown, name: string | undefined, out: string[]): void {
  if (value === undefined || value === null) return;
  const shape = shapeOf(model, ref.shape);
  const open = (n: string | undefined) => {
    if (n) out.push(`<${n}>`);
  };
  const close = (n: string | undefined) => {
    if (n) out.push(`</${n}>`);
  };
  if (shape.type === 'structure') {
    open(name);
    const record = value as Record<string, unknown>;
    for (const [memberName, member] of Object.entries(shape.members ?? {})) {
      if (member.location || member.xmlAttribute) continue;
      writeXml(model, member, record[memberName], member.locationName ?? memberName, out);
    }
    close(name);
  } else if (shape.type === 'list') {
    const items = value as readonly unknown[];
    const flattened = ref.flattened || shape.flattened;
    const itemName = flattened ? (shape.member?.locationName ?? name) : (shape.member?.locationName ?? 'member');
    if (!flattened) open(name);
    for (const item of items) writeXml(model, shape.member!, item, itemName, out);
    if (!flattened) close(name);
  } else if (shape.type === 'map') {
    const flattened = ref.flattened || shape.flattened;
    const keyName = shape.key?.locationName ?? 'key';
    const valueName = shape.value?.locationName ?? 'value';
    if (!flattened) open(name);
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      open(flattened ? name : 'entry');
      out.push(`<${keyName}>${xmlEscape(k)}</${keyName}>`);
      writeXml(model, shape.value!, v, valueName, out);
      close(flattened ? name : 'entry');
    }
    if (!flattened) close(name);
  } else {
    out.push(`<${name}>${xmlEscape(scalarText(value))}</${name}>`);
  }
}

export function xmlDocument(root: string, namespace: string | undefined, inner: string): string {
  const ns = namespace ? ` xmlns="${namespace}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${ns}>${inner}</${root}>`;
}
