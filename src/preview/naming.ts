// Branch names → the names of a preview's AWS resources: deterministic, within AWS's limits, never colliding when truncated.
import { createHash } from 'node:crypto';
import { UsageError } from '../core/errors.js';

export interface PreviewNames {
  /** The environment's identity: a DNS label, the `cortado:env` tag value, what `env ls` shows. */
  readonly env: string;
  /** `<env>.<domain>`: the listener rule's host header and the Route 53 record. */
  readonly host: string;
  readonly service: string;
  readonly family: string;
  /** At most 32 characters, as ELBv2 requires. */
  readonly targetGroup: string;
}

export const MAX_NAME_CHARS = 256;
export const MAX_LABEL = 63;
export const MAX_TARGET_GROUP = 32;
/** ALB host-header condition values are at most 128 characters. */
export const MAX_HOST = 128;
const HASH_CHARS = 8;

/** A short, stable fingerprint: 32 bits of SHA-256 in hex. */
export const shortHash = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex').slice(0, HASH_CHARS);

/** Lowercase ASCII letters, digits and single hyphens: Unicode folded to its base letters where it has them. */
export function asciiSlug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Cuts to `max` characters without leaving a hyphen at the end. */
const cut = (s: string, max: number): string => s.slice(0, max).replace(/-+$/, '');

/** Why a name cannot name an environment, or undefined when it can. */
export function envNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'the environment name is empty';
  if ([...name].length > MAX_NAME_CHARS)
    return `the environment name has ${[...name].length} characters; at most ${MAX_NAME_CHARS} are allowed`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return 'the environment name contains control characters';
  return undefined;
}

/**
 * The slug of a branch name. A name that is already a clean DNS label stays as it is (`pr-42`); any other name
 * (uppercase, `/`, `_`, spaces, Unicode, too long) gets its folded form cut to fit plus a hash of the original,
 * so that two names that fold or truncate alike still differ.
 */
export function envSlug(name: string): string {
  const problem = envNameProblem(name);
  if (problem)
    throw new UsageError(
      'BAD_ENV_NAME',
      `${problem}: ${JSON.stringify(name.slice(0, 80))}`,
      'use the branch or pull request name, e.g. feature/ABC-123_fix-login or pr-42',
    );
  const folded = asciiSlug(name);
  if (folded === name && folded.length <= MAX_LABEL) return folded;
  const base = cut(folded, MAX_LABEL - HASH_CHARS - 1) || 'env';
  return `${base}-${shortHash(name)}`;
}

/** The target group name: `<app>-<env>` when it fits in 32 characters, otherwise cut with a hash of the whole. */
export function targetGroupName(app: string, env: string): string {
  const full = `${app}-${env}`;
  if (full.length <= MAX_TARGET_GROUP) return full;
  return `${cut(full, MAX_TARGET_GROUP - HASH_CHARS - 1)}-${shortHash(full)}`;
}

/** Why `app` cannot prefix resource names, or undefined. */
export function appNameProblem(app: string): string | undefined {
  if (!/^[a-z0-9](?:[a-z0-9-]{0,18}[a-z0-9])?$/.test(app))
    return `expected 1 to 20 lowercase letters, digits and inner hyphens, got ${JSON.stringify(app)}`;
  if (app === 'internal' || app.startsWith('internal-'))
    return `target group names cannot begin with "internal-", so the app cannot be ${JSON.stringify(app)}`;
  return undefined;
}

/** Why `domain` cannot hold preview hosts, or undefined. */
export function domainProblem(domain: string): string | undefined {
  const labels = domain.split('.');
  if (domain.length > 253 - MAX_LABEL - 1 || labels.length < 2 || labels.some((l) => !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l))) {
    return `expected a lowercase DNS name such as preview.example.com, got ${JSON.stringify(domain)}`;
  }
  return undefined;
}

export function previewNames(app: string, name: string, domain: string): PreviewNames {
  const env = envSlug(name);
  const host = `${env}.${domain}`;
  if (host.length > MAX_HOST) {
    throw new UsageError(
      'BAD_ENV_NAME',
      `the host ${host} has ${host.length} characters; an ALB host-header condition allows ${MAX_HOST}`,
      'use a shorter name or a shorter preview domain',
    );
  }
  return { env, host, service: `${app}-${env}`, family: `${app}-${env}`, targetGroup: targetGroupName(app, env) };
}
