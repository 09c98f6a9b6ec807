// Who is calling and what they may do: bearer tokens (kept as sha256), signed session cookies, CSRF tokens, roles per app.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AwsClients } from '../aws/aws-clients.js';
import { roleRank, type Role, type ServerConfig } from './server-config.js';

export const SESSION_COOKIE = 'cortado_session';

export const sha256Hex = (s: string): string => createHash('sha256').update(s).digest('hex');

export interface Principal {
  readonly name: string;
  /** How the caller proved it: a bearer token, the session cookie, or a signed Slack request. */
  readonly via: 'bearer' | 'cookie' | 'slack';
}

export interface Auth {
  /** The principal a raw token belongs to. */
  principalOfToken(token: string): string | undefined;
  roleOf(principal: string, app: string): Role | undefined;
  roles(principal: string): Record<string, Role>;
  allows(principal: string, app: string, need: Role): boolean;
  /** A cookie value for the principal: name, expiry and an HMAC over both. */
  sessionCookie(principal: string): string;
  principalOfCookie(value: string): string | undefined;
  csrfOf(cookie: string): string;
  csrfValid(cookie: string, header: string | undefined): boolean;
}

const safeEqual = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Reads the tokens kept in SSM Parameter Store or Secrets Manager once, at start, and keeps only their hashes. */
export async function resolveTokenHashes(cfg: ServerConfig, aws: AwsClients, signal: AbortSignal): Promise<Map<string, string>> {
  const byHash = new Map<string, string>();
  for (const t of cfg.tokens) {
    let hash = t.sha256;
    if (t.ssm !== undefined) {
      const ssm = await aws.ssm();
      const out = await ssm.getParameter({ Name: t.ssm, WithDecryption: true }, signal);
      hash = sha256Hex(out.Parameter?.Value ?? '');
    } else if (t.secret !== undefined) {
      const sm = await aws.secrets();
      const out = await sm.getSecretValue({ SecretId: t.secret }, signal);
      hash = sha256Hex(out.SecretString ?? '');
    }
    if (hash) byHash.set(hash, t.principal);
  }
  return byHash;
}

export function createAuth(cfg: ServerConfig, tokenHashes: ReadonlyMap<string, string>, sessionSecret: string, now: () => number): Auth {
  const sign = (s: string) => createHmac('sha256', sessionSecret).update(s).digest('base64url');
  const roles = (principal: string): Record<string, Role> => {
    const own = cfg.roles[principal] ?? {};
    const out: Record<string, Role> = {};
    for (const app of Object.keys(cfg.applications)) {
      const r = own[app] ?? own['*'];
      if (r) out[app] = r;
    }
    return out;
  };
  return {
    principalOfToken: (token) => (token.length > 0 && token.length <= 512 ? tokenHashes.get(sha256Hex(token)) : undefined),
    roleOf: (principal, app) => roles(principal)[app],
    roles,
    allows(principal, app, need) {
      const r = roles(principal)[app];
      return r !== undefined && roleRank(r) >= roleRank(need);
    },
    sessionCookie(principal) {
      const body = `${principal}.${now() + cfg.session.ttl}.${randomBytes(9).toString('base64url')}`;
      return `${body}.${sign(body)}`;
    },
    principalOfCookie(value) {
      const parts = value.split('.');
      if (parts.length !== 4) return undefined;
      const body = parts.slice(0, 3).join('.');
      if (!safeEqual(sign(body), parts[3]!)) return undefined;
      const until = Number(parts[1]);
      return Number.isFinite(until) && until > now() ? parts[0] : undefined;
    },
    csrfOf: (cookie) => sign(`csrf:${cookie}`),
    csrfValid: (cookie, header) => header !== undefined && safeEqual(sign(`csrf:${cookie}`), header),
  };
}
