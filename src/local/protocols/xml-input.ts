// Reads a restXml request body into handler input, typed by the model.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AwsError } from '../aws-error.js';
import type { MemberRef, ServiceModel } from '../model/model.js';
import { shapeOf } from '../model/model.js';
import { toDate } from './wire.js';

type Node = Record<string, unknown> | string;

const parser = new XMLParser({
  ignoreAttributes: true,
  isArray: () => true,
  parseTagValue: false,
  trimValues: true,
  removeNSPrefix: true,
  processEntities: true,
});

const text = (node: unknown): string => {
  if (typeof node === 'string') return node;
  if (node && typeof node === 'object' && '#text' in node) return String((node as Record<string, unknown>)['#text']);
  return '';
};

function convert(model: ServiceModel, ref: MemberRef, node: unknown): unknown {
  const shape = shapeOf(model, ref.shape);
  const malformed = (what: string) =>
    new AwsError('MalformedXML', `The XML you provided was not well-formed or did not validate against our published schema (${what}).`);
  switch (shape.type) {
    case 'structure': {
      const el = (typeof node === 'object' && node ? node : {}) as Record<string, unknown[]>;
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        if (member.location) continue;
        const wire = member.locationName ?? name;
        const children = el[wire];
        if (!children) continue;
        const memberShape = shapeOf(model, member.shape);
        const flattened = member.flattened || memberShape.flattened;
        out[name] =
          memberShape.type === 'list' && flattened
            ? children.map((c) => convert(model, memberShape.member!, c))
            : convert(model, member, children[0]);
      }
      return out;
    }
    case 'list': {
      const el = (typeof node === 'object' && node ? node : {}) as Record<string, unknown[]>;
      const itemName = shape.member?.locationName ?? 'member';
      return (el[itemName] ?? []).map((c) => convert(model, shape.member!, c));
    }
    case 'map': {
      const el = (typeof node === 'object' && node ? node : {}) as Record<string, unknown[]>;
      const out: Record<string, unknown> = {};
      for (const entry of el.entry ?? []) {
        const e = entry as Record<string, unknown[]>;
        out[text(e.key?.[0])] = convert(model, shape.value!, e.value?.[0]);
      }
      return out;
    }
    case 'integer':
    case 'long':
    case 'short':
    case 'byte':
    case 'double':
    case 'float': {
      const n = Number(text(node));
      if (Number.isNaN(n)) throw malformed(`not a number: ${text(node)}`);
      return n;
    }
    case 'boolean':
      return text(node) === 'true';
    case 'timestamp': {
      const d = toDate(text(node));
      if (!d) throw malformed(`not a timestamp: ${text(node)}`);
      return d;
    }
    default:
      return text(node);
  }
}

/** Parses an XML body whose root element holds the members of `ref`'s shape. */
export function readXmlBody(model: ServiceModel, ref: MemberRef, body: Buffer): unknown {
  const source = body.toString('utf8');
  if (source.trim() === '') return undefined;
  if (XMLValidator.validate(source) !== true) {
    throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.');
  }
  let doc: Record<string, Node[]>;
  try {
    doc = parser.parse(source) as Record<string, Node[]>;
  } catch {
    // The validator accepts some documents the parser refuses (a DOCTYPE with external entities): still the client's fault.
    throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.');
  }
  const rootName = Object.keys(doc).find((k) => k !== '?xml');
  if (!rootName)
    throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.');
  return convert(model, ref, doc[rootName]?.[0]);
}
