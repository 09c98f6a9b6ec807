// Error bodies for the protocol families the sandbox only ever refuses: EC2's Query dialect, restJson, rpcv2Cbor, bare restXml.
import type { AwsError } from '../aws-error.js';
import type { WireResponse } from './wire.js';
import { xmlEscape } from './wire.js';
import { xmlDocument } from './xml-output.js';

/** EC2's protocol: `<Response><Errors><Error><Code>` and `RequestID` (capital D), as botocore's EC2QueryParser reads it. */
export function ec2Error(err: AwsError, requestId: string): WireResponse {
  const body = xmlDocument(
    'Response',
    undefined,
    `<Errors><Error><Code>${xmlEscape(err.code)}</Code><Message>${xmlEscape(err.message)}</Message></Error></Errors><RequestID>${requestId}</RequestID>`,
  );
  return {
    status: err.status,
    headers: { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId },
    errorCode: err.code,
    body,
  };
}

/** restJson: the code in X-Amzn-ErrorType and in the body. */
export function restJsonError(err: AwsError, requestId: string): WireResponse {
  return {
    status: err.status,
    errorCode: err.code,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': err.code },
    body: JSON.stringify({ __type: err.code, code: err.code, message: err.message, Message: err.message }),
  };
}

/** restXml without a served model (CloudFront and the like): `<ErrorResponse><Error>` as Route 53 answers it. */
export function restXmlGenericError(err: AwsError, requestId: string): WireResponse {
  const body = xmlDocument(
    'ErrorResponse',
    undefined,
    `<Error><Type>${err.fault}</Type><Code>${xmlEscape(err.code)}</Code><Message>${xmlEscape(err.message)}</Message></Error><RequestId>${requestId}</RequestId>`,
  );
  return { status: err.status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, errorCode: err.code, body };
}

function cborHead(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
  if (n < 0x10000) {
    const b = Buffer.alloc(3);
    b[0] = (major << 5) | 25;
    b.writeUInt16BE(n, 1);
    return b;
  }
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(n, 1);
  return b;
}

/** A CBOR map of text strings (RFC 8949 major types 5 and 3): all an rpcv2Cbor error body needs. */
export function cborTextMap(entries: Readonly<Record<string, string>>): Buffer {
  const parts: Buffer[] = [cborHead(5, Object.keys(entries).length)];
  for (const [k, v] of Object.entries(entries)) {
    for (const s of [k, v]) {
      const bytes = Buffer.from(s, 'utf8');
      parts.push(cborHead(3, bytes.length), bytes);
    }
  }
  return Buffer.concat(parts);
}

/** smithy-rpc-v2-cbor: `__type` and `message` in a CBOR map, with the protocol header the clients check. */
export function cborError(err: AwsError, requestId: string): WireResponse {
  return {
    status: err.status,
    errorCode: err.code,
    headers: { 'content-type': 'application/cbor', 'smithy-protocol': 'rpc-v2-cbor', 'x-amzn-requestid': requestId },
    body: cborTextMap({ __type: err.code, message: err.message }),
  };
}
