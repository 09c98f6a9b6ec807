// Renders an AwsError in whatever protocol the request spoke, for errors raised before a handler runs.
import type { AwsError } from './aws-error.js';
import type { Route } from './dispatch.js';
import { cborError, ec2Error, restJsonError, restXmlGenericError } from './protocols/error-shapes.js';
import { jsonError } from './protocols/json-protocol.js';
import { queryError } from './protocols/query-protocol.js';
import { restXmlError } from './protocols/rest-xml-protocol.js';
import type { WireResponse } from './protocols/wire.js';

export function errorFor(route: Route, err: AwsError, requestId: string, method: string): WireResponse {
  const wire = route.kind === 'unknown' ? route.wire : route.kind;
  const service = route.service;
  if (wire === 'rest-xml') return service ? restXmlError(service, err, requestId, method) : restXmlGenericError(err, requestId);
  if (wire === 'query') return queryError(err, requestId);
  if (wire === 'ec2') return ec2Error(err, requestId);
  if (wire === 'rest-json') return restJsonError(err, requestId);
  if (wire === 'cbor') return cborError(err, requestId);
  if (service) return jsonError(service, err, requestId);
  return {
    status: err.status,
    errorCode: err.code,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': err.code },
    body: JSON.stringify({ __type: err.code, message: err.message }),
  };
}

/** The throttling code each protocol family uses. */
export function throttleCode(route: Route): { readonly code: string; readonly status: number } {
  const s = route.service;
  if (s?.name === 's3') return { code: 'SlowDown', status: 503 };
  const wire = route.kind === 'unknown' ? route.wire : route.kind;
  if (wire === 'ec2') return { code: 'RequestLimitExceeded', status: 503 };
  if (wire === 'query' || s?.name === 'route53') return { code: 'Throttling', status: 400 };
  return { code: 'ThrottlingException', status: 400 };
}
