// Decides which service and protocol a request on the single sandbox port is for.
import type { RawRequest, SandboxService } from './service.js';
import { parseForm } from './protocols/query-input.js';
import { matchRoute } from './protocols/rest-routes.js';
import { identifyUnserved, requestShape, type ErrorWire, type UnservedService } from './unserved.js';

export type Route =
  | { readonly kind: 'json'; readonly service: SandboxService; readonly operation: string }
  | { readonly kind: 'query'; readonly service: SandboxService; readonly operation: string; readonly params: ReadonlyMap<string, string> }
  | { readonly kind: 'ec2'; readonly service: SandboxService; readonly operation: string; readonly params: ReadonlyMap<string, string> }
  | {
      readonly kind: 'rest-json';
      readonly service: SandboxService;
      readonly operation: string;
      readonly labels: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: 'rest-xml';
      readonly service: SandboxService;
      readonly operation: string;
      readonly labels: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: 'unknown';
      readonly service?: SandboxService;
      readonly reason: string;
      readonly wire: WireProtocol;
      readonly unserved?: UnservedService;
    };

export type WireProtocol = ErrorWire;

/** Signing names of S3 endpoints that are not S3 itself, with the name a refusal gives them. */
const S3_ENDPOINTS: Readonly<Record<string, string>> = { s3express: 'S3 Express One Zone', 's3-object-lambda': 'S3 Object Lambda' };

const header = (req: RawRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** `Credential=AKID/20261122/us-east-1/ecs/aws4_request` → { region, signingName } */
export function credentialScope(req: RawRequest): {
  readonly accessKeyId?: string | undefined;
  readonly region?: string | undefined;
  readonly signingName?: string | undefined;
} {
  const auth = header(req, 'authorization') ?? '';
  const m =
    /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(auth) ??
    /^([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request$/.exec(req.query.get('X-Amz-Credential') ?? '');
  return m ? { accessKeyId: m[1], region: m[2], signingName: m[3] } : {};
}

export interface Dispatcher {
  route(req: RawRequest): Route;
}

export function createDispatcher(services: readonly SandboxService[]): Dispatcher {
  const byTarget = new Map<string, SandboxService>();
  const bySigningName = new Map<string, SandboxService>();
  const byVersion = new Map<string, SandboxService>();
  const restJson = new Map<string, SandboxService>();
  for (const s of services) {
    const m = s.model.metadata;
    if (m.protocol === 'rest-json') restJson.set(m.signingName ?? m.endpointPrefix, s);
    if (m.targetPrefix) byTarget.set(m.targetPrefix, s);
    bySigningName.set(m.signingName ?? m.endpointPrefix, s);
    bySigningName.set(m.endpointPrefix, s);
    if (m.protocol === 'query' || m.protocol === 'ec2' || m.protocols?.includes('query')) byVersion.set(m.apiVersion, s);
  }
  const route53 = services.find((s) => s.name === 'route53');
  const s3 = services.find((s) => s.name === 's3');
  const servedIds = services.map((s) => s.model.metadata.serviceId).join(', ');
  /** A request for a service the sandbox does not serve, answered in that service's own protocol. */
  const unserved = (u: UnservedService): Route => ({
    kind: 'unknown',
    wire: u.wire,
    unserved: u,
    reason: `cortado local does not serve ${u.serviceId} (signing name ${u.signingName}); it serves ${servedIds} (see GET /_cortado/health)`,
  });

  return {
    route(req) {
      const scope = credentialScope(req);
      const target = header(req, 'x-amz-target');
      if (target) {
        const dot = target.lastIndexOf('.');
        const service = byTarget.get(target.slice(0, dot));
        if (service) return { kind: 'json', service, operation: target.slice(dot + 1) };
        const u = identifyUnserved(requestShape(req, scope.signingName, undefined));
        return u ? unserved(u) : { kind: 'unknown', wire: 'json', reason: `No service answers X-Amz-Target ${target}` };
      }
      const cbor = /^\/service\/([^/]+)\/operation\/([^/]+)$/.exec(req.path);
      if (cbor) {
        const service = byTarget.get(cbor[1] ?? '');
        const u = service ? undefined : identifyUnserved(requestShape(req, scope.signingName, undefined));
        if (u) return unserved(u);
        return {
          kind: 'unknown',
          wire: 'cbor',
          ...(service ? { service } : {}),
          reason: 'The smithy-rpc-v2-cbor protocol is not supported by cortado local; use the JSON or Query protocol',
        };
      }
      const rest = scope.signingName ? restJson.get(scope.signingName) : undefined;
      if (rest) {
        const m = matchRoute(rest.model, req.method, req.path, req.query);
        return m
          ? { kind: 'rest-json', service: rest, operation: m.operation, labels: m.labels }
          : {
              kind: 'unknown',
              wire: 'rest-json',
              service: rest,
              reason: `No ${rest.model.metadata.serviceId} operation matches ${req.method} ${req.path}`,
            };
      }
      if (req.path.startsWith('/2013-04-01/') && route53) {
        const m = matchRoute(route53.model, req.method, req.path, req.query);
        return m
          ? { kind: 'rest-xml', service: route53, operation: m.operation, labels: m.labels }
          : { kind: 'unknown', wire: 'rest-xml', service: route53, reason: `No Route 53 operation matches ${req.method} ${req.path}` };
      }
      const contentType = header(req, 'content-type') ?? '';
      const isForm = req.method === 'POST' && contentType.startsWith('application/x-www-form-urlencoded');
      if (isForm || (req.method === 'GET' && req.query.has('Action'))) {
        const params = parseForm(isForm ? req.body : Buffer.alloc(0), req.query);
        const action = params.get('Action');
        const version = params.get('Version');
        const service = (scope.signingName && bySigningName.get(scope.signingName)) || byVersion.get(version ?? '');
        // Another API behind the same signing name (Classic ELB's 2012-06-01 next to ELBv2's 2015-12-01).
        const other =
          service && version && version !== service.model.metadata.apiVersion
            ? identifyUnserved(requestShape(req, scope.signingName, params))
            : undefined;
        if (other && other.serviceId !== service?.model.metadata.serviceId) return unserved(other);
        const kind: 'ec2' | 'query' = service?.model.metadata.protocol === 'ec2' ? 'ec2' : 'query';
        if (service && service.name !== 's3' && action)
          return kind === 'ec2' ? { kind, service, operation: action, params } : { kind, service, operation: action, params };
        if (service && service.name !== 's3') return { kind: 'unknown', wire: kind, service, reason: 'Missing Action parameter' };
        if (!service && (scope.signingName !== undefined || version !== undefined)) {
          const u = identifyUnserved(requestShape(req, scope.signingName, params));
          if (u) return unserved(u);
        }
      }
      if (s3 && (!scope.signingName || scope.signingName === 's3')) {
        const m = matchRoute(s3.model, req.method, req.path, req.query, req.headers);
        return m
          ? { kind: 'rest-xml', service: s3, operation: m.operation, labels: m.labels }
          : { kind: 'unknown', wire: 'rest-xml', service: s3, reason: `No S3 operation matches ${req.method} ${req.path}` };
      }
      // S3 operations signed for endpoints the sandbox does not serve: directory buckets' control endpoint
      // (ListDirectoryBuckets is GET / like ListBuckets, told apart only by this) and S3 Object Lambda's.
      const s3Other = scope.signingName ? S3_ENDPOINTS[scope.signingName] : undefined;
      if (s3Other) return unserved({ serviceId: s3Other, signingName: scope.signingName!, wire: 'rest-xml' });
      const u = identifyUnserved(requestShape(req, scope.signingName, undefined));
      if (u) return unserved(u);
      return { kind: 'unknown', wire: 'json', reason: `cortado local cannot tell which AWS service ${req.method} ${req.path} is for` };
    },
  };
}
