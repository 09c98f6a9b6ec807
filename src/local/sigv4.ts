// Optional SigV4 verification (--verify-signatures): recomputes the signature with the configured secret keys.
import { createHash, createHmac } from 'node:crypto';
import type { RawRequest } from './service.js';

export type SignatureCheck =
  | { readonly kind: 'ok' }
  | { readonly kind: 'unknown-key'; readonly accessKeyId: string }
  | { readonly kind: 'mismatch' }
  | { readonly kind: 'missing' };

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function canonicalUri(path: string, service: string): string {
  if (service === 's3') return path || '/';
  return (path || '/')
    .split('/')
    .map((seg) => rfc3986(rfc3986(decodeURIComponent(seg))))
    .join('/');
}

function canonicalQuery(query: URLSearchParams, dropSignature: boolean): string {
  const pairs = [...query].filter(([k]) => !(dropSignature && k === 'X-Amz-Signature')).map(([k, v]) => [rfc3986(k), rfc3986(v)] as const);
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

export function verifySignature(req: RawRequest, rawBody: Buffer, secrets: ReadonlyMap<string, string>): SignatureCheck {
  const auth = String(req.headers.authorization ?? '');
  const presigned = req.query.get('X-Amz-Signature');
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]+)/.exec(
      auth,
    );
  const cred = m
    ? { key: m[1]!, date: m[2]!, region: m[3]!, service: m[4]!, signed: m[5]!, sig: m[6]! }
    : presigned
      ? (() => {
          const c = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/.exec(req.query.get('X-Amz-Credential') ?? '');
          return c
            ? {
                key: c[1]!,
                date: c[2]!,
                region: c[3]!,
                service: c[4]!,
                signed: req.query.get('X-Amz-SignedHeaders') ?? 'host',
                sig: presigned,
              }
            : undefined;
        })()
      : undefined;
  if (!cred) return { kind: 'missing' };
  const secret = secrets.get(cred.key);
  if (secret === undefined) return { kind: 'unknown-key', accessKeyId: cred.key };
  const amzDate = String(req.headers['x-amz-date'] ?? req.query.get('X-Amz-Date') ?? '');
  const signedHeaders = cred.signed.split(';');
  const headerLines = signedHeaders
    .map((h) => {
      const v = req.headers[h];
      const value = (Array.isArray(v) ? v.join(',') : (v ?? '')).trim().replace(/\s+/g, ' ');
      return `${h}:${value}\n`;
    })
    .join('');
  const payloadHash = String(req.headers['x-amz-content-sha256'] ?? (presigned ? 'UNSIGNED-PAYLOAD' : sha256(rawBody)));
  const canonical = [
    req.method,
    canonicalUri(req.path, cred.service),
    canonicalQuery(req.query, Boolean(presigned)),
    headerLines,
    cred.signed,
    payloadHash,
  ].join('\n');
  const scope = `${cred.date}/${cred.region}/${cred.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const kDate = hmac(`AWS4${secret}`, cred.date);
  const kSigning = hmac(hmac(hmac(kDate, cred.region), cred.service), 'aws4_request');
  const expected = createHmac('sha256', kSigning).update(toSign).digest('hex');
  return expected === cred.sig ? { kind: 'ok' } : { kind: 'mismatch' };
}
