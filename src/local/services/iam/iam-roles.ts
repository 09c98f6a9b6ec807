// IAM roles' state and AWS's wording: trust policies kept as the JSON text sent, answered URL-encoded as IAM does.
import { randomBytes } from 'node:crypto';
import { AwsError } from '../../aws-error.js';

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

export interface IamRole {
  readonly name: string;
  readonly path: string;
  readonly id: string;
  readonly arn: string;
  readonly createDate: Date;
  /** The trust policy as the caller sent it (form-decoded JSON text). */
  readonly assumeRolePolicyDocument: string;
  readonly description?: string;
  readonly maxSessionDuration: number;
  readonly permissionsBoundary?: string;
  tags: Tag[];
  /** Managed policy ARNs, in attach order. */
  readonly attached: string[];
  /** Inline policies by name: their JSON text. */
  readonly inline: Map<string, string>;
}

export interface IamStore {
  readonly roles: Map<string, IamRole>;
}

export const createIamStore = (): IamStore => ({ roles: new Map() });

/** `AROA` and 17 upper-case letters and digits, like IAM's role ids. */
export function roleId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return `AROA${[...randomBytes(17)].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

/** IAM answers policy documents URL-encoded (RFC 3986); botocore and the CLI decode them back to JSON. */
export const encodePolicy = (doc: string): string => encodeURIComponent(doc);

export const noSuchRole = (name: string): AwsError => new AwsError('NoSuchEntity', `The role with name ${name} cannot be found.`, 404);

/** Role names are unique case-insensitively in IAM. */
export function findRole(store: IamStore, name: string): IamRole {
  const role = store.roles.get(name.toLowerCase());
  if (!role) throw noSuchRole(name);
  return role;
}

/** A policy document must be a JSON object; IAM's full grammar (Version, Statement, Effect ...) is not checked. */
export function checkPolicy(doc: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(doc);
  } catch {
    throw new AwsError('MalformedPolicyDocument', 'This policy contains invalid Json');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new AwsError('MalformedPolicyDocument', 'This policy contains invalid Json');
}

export function roleView(role: IamRole, withTags = true): Record<string, unknown> {
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.id,
    Arn: role.arn,
    CreateDate: role.createDate,
    AssumeRolePolicyDocument: encodePolicy(role.assumeRolePolicyDocument),
    ...(role.description !== undefined ? { Description: role.description } : {}),
    MaxSessionDuration: role.maxSessionDuration,
    ...(role.permissionsBoundary
      ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: role.permissionsBoundary } }
      : {}),
    ...(withTags && role.tags.length > 0 ? { Tags: role.tags } : {}),
  };
}

/** IAM's Marker/MaxItems paging (default 100, at most 1000). */
export function markerPage<T>(
  all: readonly T[],
  input: Record<string, unknown>,
): { readonly items: readonly T[]; readonly IsTruncated: boolean; readonly Marker?: string } {
  const size = (input.MaxItems as number | undefined) ?? 100;
  const offset = input.Marker !== undefined ? Number.parseInt(Buffer.from(String(input.Marker), 'base64url').toString('utf8'), 10) : 0;
  if (!Number.isInteger(offset) || offset < 0) throw new AwsError('ValidationError', 'Invalid Marker.');
  const items = all.slice(offset, offset + size);
  const more = offset + size < all.length;
  return { items, IsTruncated: more, ...(more ? { Marker: Buffer.from(String(offset + size)).toString('base64url') } : {}) };
}
