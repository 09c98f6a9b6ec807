// ALB stickiness cookies: AWSALBTG pins a client to a target group, AWSALB / AWSALBAPP-0 pin it to a target.
export const TG_COOKIE = 'AWSALBTG';
export const TARGET_COOKIE = 'AWSALB';
export const APP_COOKIE = 'AWSALBAPP-0';

/** The value of one cookie in a Cookie header, without parsing the others. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  let from = 0;
  for (;;) {
    const at = header.indexOf(name, from);
    if (at < 0) return undefined;
    const before = at === 0 ? ' ' : header[at - 1]!;
    if ((before === ' ' || before === ';') && header[at + name.length] === '=') {
      const end = header.indexOf(';', at);
      return header.slice(at + name.length + 1, end < 0 ? undefined : end).trim();
    }
    from = at + name.length;
  }
}

/** Opaque to clients, as AWS's encrypted cookies are: `<subject>` and its expiry, base64url-encoded (not encrypted locally). */
export function encodePin(subject: string, expiresAtMs: number): string {
  return Buffer.from(`${subject}|${Math.floor(expiresAtMs / 1000)}`).toString('base64url');
}

/** The pinned subject, or undefined when the value is malformed or expired. */
export function decodePin(value: string | undefined, nowMs: number): string | undefined {
  if (!value) return undefined;
  const text = Buffer.from(value, 'base64url').toString('utf8');
  const bar = text.lastIndexOf('|');
  if (bar < 0) return undefined;
  const expires = Number(text.slice(bar + 1));
  if (!Number.isFinite(expires) || expires * 1000 < nowMs) return undefined;
  return text.slice(0, bar);
}

/** The cookie and its CORS twin (SameSite=None; Secure), as the load balancer sets them on every response. */
export function pinCookies(name: string, subject: string, durationSeconds: number, nowMs: number): string[] {
  const expiresAt = nowMs + durationSeconds * 1000;
  const value = encodePin(subject, expiresAt);
  const expires = new Date(expiresAt).toUTCString();
  if (name === APP_COOKIE) return [`${name}=${value}; Expires=${expires}; Path=/`];
  return [`${name}=${value}; Expires=${expires}; Path=/`, `${name}CORS=${value}; Expires=${expires}; Path=/; SameSite=None; Secure`];
}
