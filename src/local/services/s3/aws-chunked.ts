// Decodes `Content-Encoding: aws-chunked` bodies (SigV4 streaming uploads with optional checksum trailers).
export interface Dechunked {
  readonly body: Buffer;
  /** Trailing headers, e.g. `x-amz-checksum-crc32`, lower-cased. */
  readonly trailers: Readonly<Record<string, string>>;
}

/** `<hex size>[;chunk-signature=...]\r\n<data>\r\n ... 0\r\n<trailers>\r\n\r\n`; undefined when the body is not well formed. */
export function decodeAwsChunked(raw: Buffer): Dechunked | undefined {
  const chunks: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const eol = raw.indexOf('\r\n', pos);
    if (eol < 0) return undefined;
    const size = parseInt(raw.subarray(pos, eol).toString('latin1').split(';')[0]!.trim(), 16);
    if (!Number.isFinite(size) || size < 0) return undefined;
    pos = eol + 2;
    if (size === 0) break;
    if (pos + size > raw.length) return undefined;
    chunks.push(raw.subarray(pos, pos + size));
    pos += size;
    if (raw.subarray(pos, pos + 2).toString('latin1') === '\r\n') pos += 2;
  }
  const trailers: Record<string, string> = {};
  for (const line of raw.subarray(pos).toString('latin1').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { body: Buffer.concat(chunks), trailers };
}

/** Whether the request streams its payload in aws-chunked framing. */
export function isAwsChunked(headers: Readonly<Record<string, string | string[] | undefined>>): boolean {
  const encoding = String(headers['content-encoding'] ?? '');
  const sha = String(headers['x-amz-content-sha256'] ?? '');
  return encoding.split(',').some((e) => e.trim() === 'aws-chunked') || sha.startsWith('STREAMING-');
}
