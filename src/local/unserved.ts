// Names the AWS service a request is for when the sandbox does not serve it, from botocore's index of every service,
// so the refusal comes in the shape that service's clients parse (botocore fails on "invalid XML" otherwise).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawRequest } from './service.js';

/** The wire shapes an error can take: one per protocol family botocore and the SDKs parse. */
export type ErrorWire = 'json' | 'query' | 'ec2' | 'rest-xml' | 'rest-json' | 'cbor';

export interface KnownService {
  readonly serviceId: string;
  readonly signingName: string;
  readonly protocols: readonly string[];
  readonly apiVersion: string;
  readonly targetPrefix?: string;
}

export interface UnservedService {
  readonly serviceId: string;
  readonly signingName: string;
  readonly wire: ErrorWire;
  /** The operation the request names, when its protocol names one (Action=, X-Amz-Target, the CBOR path). */
  readonly operation?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
let index: readonly KnownService[] | undefined;

/** Every service in the botocore release the models were generated from (src/local/model/generated/aws-services.json). */
export function knownServices(): readonly KnownService[] {
  index ??= Object.values(
    (
      JSON.parse(readFileSync(join(here, 'model', 'generated', 'aws-services.json'), 'utf8')) as {
        services: Record<string, KnownService>;
      }
    ).services,
  );
  return index;
}

/** How a request that carries no X-Amz-Target and no form body reaches a service of these protocols. */
function restWire(protocols: readonly string[]): ErrorWire {
  if (protocols.includes('rest-xml')) return 'rest-xml';
  if (protocols.includes('rest-json')) return 'rest-json';
  if (protocols.includes('ec2')) return 'ec2';
  if (protocols.includes('query')) return 'query';
  return 'json';
}

export interface RequestShape {
  readonly signingName?: string;
  /** X-Amz-Target's prefix (before the last dot) and operation. */
  readonly target?: { readonly prefix: string; readonly operation: string };
  /** The CBOR path's service and operation (/service/<name>/operation/<op>). */
  readonly cbor?: { readonly service: string; readonly operation: string };
  /** Action and Version of a Query-style request (form body or GET query string). */
  readonly query?: { readonly action?: string; readonly version?: string };
}

/** The unserved service a request is for, or undefined when nothing in it names one. */
export function identifyUnserved(shape: RequestShape, services: readonly KnownService[] = knownServices()): UnservedService | undefined {
  const bySigning = shape.signingName ? services.filter((s) => s.signingName === shape.signingName) : [];
  if (shape.target) {
    const t = shape.target;
    const hit = services.find((s) => s.targetPrefix === t.prefix) ?? bySigning[0];
    return hit ? { serviceId: hit.serviceId, signingName: hit.signingName, wire: 'json', operation: t.operation } : undefined;
  }
  if (shape.cbor) {
    const c = shape.cbor;
    const hit = services.find((s) => s.targetPrefix === c.service) ?? bySigning[0];
    return hit ? { serviceId: hit.serviceId, signingName: hit.signingName, wire: 'cbor', operation: c.operation } : undefined;
  }
  if (shape.query) {
    const q = shape.query;
    const candidates =
      bySigning.length > 0
        ? bySigning
        : services.filter((s) => s.apiVersion === q.version && s.protocols.some((p) => p === 'query' || p === 'ec2'));
    const hit =
      candidates.find((s) => s.apiVersion === q.version) ??
      candidates.find((s) => s.protocols.includes('query') || s.protocols.includes('ec2')) ??
      candidates[0];
    if (!hit) return undefined;
    return {
      serviceId: hit.serviceId,
      signingName: hit.signingName,
      wire: hit.protocols.includes('ec2') ? 'ec2' : 'query',
      ...(q.action ? { operation: q.action } : {}),
    };
  }
  // A REST request: of the services behind one signing name (CloudSearch's query API, its rest-json domain API), the REST one.
  const hit = bySigning.find((s) => s.protocols.some((p) => p === 'rest-json' || p === 'rest-xml')) ?? bySigning[0];
  return hit ? { serviceId: hit.serviceId, signingName: hit.signingName, wire: restWire(hit.protocols) } : undefined;
}

/** The shape of a request as far as identifying its service goes. */
export function requestShape(
  req: RawRequest,
  signingName: string | undefined,
  params: ReadonlyMap<string, string> | undefined,
): RequestShape {
  const raw = req.headers['x-amz-target'];
  const target = Array.isArray(raw) ? raw[0] : raw;
  const dot = target ? target.lastIndexOf('.') : -1;
  const cbor = /^\/service\/([^/]+)\/operation\/([^/]+)$/.exec(req.path);
  const action = params?.get('Action');
  const version = params?.get('Version');
  return {
    ...(signingName ? { signingName } : {}),
    ...(target ? { target: { prefix: target.slice(0, Math.max(0, dot)), operation: target.slice(dot + 1) } } : {}),
    ...(cbor ? { cbor: { service: cbor[1]!, operation: cbor[2]! } } : {}),
    ...(params && (action || version) ? { query: { ...(action ? { action } : {}), ...(version ? { version } : {}) } } : {}),
  };
}
