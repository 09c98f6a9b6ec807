// Reads a request body with a size limit, gunzipping when the client compressed it (CloudWatch does over 10 KB).
import type { IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';

export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<{ readonly raw: Buffer; readonly body: Buffer }> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit)
    throw new BodyError(413, 'RequestEntityTooLarge', `Request body of ${declared} bytes exceeds the limit of ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new BodyError(413, 'RequestEntityTooLarge', `Request body exceeds the limit of ${limit} bytes`);
    chunks.push(buf);
  }
  const body = Buffer.concat(chunks);
  if ((req.headers['content-encoding'] ?? '').toString().toLowerCase() === 'gzip') {
    try {
      return { raw: body, body: gunzipSync(body, { maxOutputLength: limit }) };
    } catch {
      throw new BodyError(400, 'MalformedInput', 'Request body is not valid gzip data');
    }
  }
  return { raw: body, body };
}
