// Secrets Manager state: secrets, their versions and staging labels, lookup by name/ARN/partial ARN, and API views.
import { randomBytes } from 'node:crypto';
import { AwsError } from '../../aws-error.js';

export interface SecretVersion {
  readonly id: string;
  readonly secretString?: string;
  /** base64, so the state stays JSON. */
  readonly secretBinary?: string;
  readonly created: number;
  stages: string[];
  lastAccessed?: number;
}

export interface SecretState {
  readonly name: string;
  readonly arn: string;
  description?: string;
  kmsKeyId?: string;
  readonly created: number;
  lastChanged: number;
  lastAccessed?: number;
  /** Set while the secret is scheduled for deletion; `purgeAt` is when it goes for good. */
  deleted?: { readonly at: number; readonly purgeAt: number };
  tags: Array<{ readonly Key: string; readonly Value: string }>;
  readonly versions: SecretVersion[];
  stamp: number;
}

export interface SecretStore {
  readonly secrets: Map<string, SecretState>;
}

export const createSecretStore = (): SecretStore => ({ secrets: new Map() });

export const notFound = (): AwsError => new AwsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
export const markedForDeletion = (): AwsError =>
  new AwsError('InvalidRequestException', "You can't perform this operation on the secret because it was marked for deletion.");

const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `arn:aws:secretsmanager:<region>:<account>:secret:<name>-AbCdEf`: AWS appends six random characters. */
export function secretArn(region: string, accountId: string, name: string): string {
  const bytes = randomBytes(6);
  const suffix = [...bytes].map((b) => SUFFIX_CHARS[b % SUFFIX_CHARS.length]).join('');
  return `arn:aws:secretsmanager:${region}:${accountId}:secret:${name}-${suffix}`;
}

/** Drops secrets whose recovery window has ended (AWS purges them in the background). */
export function purgeExpired(store: SecretStore, now: number): void {
  for (const [name, s] of store.secrets) if (s.deleted && s.deleted.purgeAt <= now) store.secrets.delete(name);
}

/** SecretId may be a name, a complete ARN, or a partial ARN (the ARN without its random suffix). */
export function findSecret(
  store: SecretStore,
  secretId: string,
  visible: (stamp: number) => boolean = () => true,
): SecretState | undefined {
  let hit: SecretState | undefined;
  if (secretId.startsWith('arn:')) {
    for (const s of store.secrets.values()) {
      if (s.arn === secretId || s.arn.slice(0, -7) === secretId) {
        hit = s;
        break;
      }
    }
  } else {
    hit = store.secrets.get(secretId);
  }
  return hit && visible(hit.stamp) ? hit : undefined;
}

export const currentVersion = (s: SecretState): SecretVersion | undefined => s.versions.find((v) => v.stages.includes('AWSCURRENT'));

/** The version GetSecretValue picks: by id and/or stage, AWSCURRENT by default. */
export function pickVersion(s: SecretState, versionId?: string, versionStage?: string): SecretVersion {
  if (versionId !== undefined) {
    const v = s.versions.find((x) => x.id === versionId);
    if (!v)
      throw new AwsError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for VersionId: ${versionId}`);
    if (versionStage !== undefined && !v.stages.includes(versionStage)) {
      throw new AwsError('InvalidParameterException', `You provided a VersionStage that is not associated to the provided VersionId.`);
    }
    return v;
  }
  const stage = versionStage ?? 'AWSCURRENT';
  const v = s.versions.find((x) => x.stages.includes(stage));
  if (!v)
    throw new AwsError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for staging label: ${stage}`);
  return v;
}

/**
 * Attaches `stage` to `target`, removing it from whichever version had it; moving AWSCURRENT also moves AWSPREVIOUS
 * to the version AWSCURRENT left.
 */
export function moveStage(s: SecretState, stage: string, target: SecretVersion): void {
  const from = s.versions.find((v) => v !== target && v.stages.includes(stage));
  if (from) from.stages = from.stages.filter((x) => x !== stage);
  if (!target.stages.includes(stage)) target.stages.push(stage);
  if (stage === 'AWSCURRENT' && from) {
    for (const v of s.versions) if (v !== from) v.stages = v.stages.filter((x) => x !== 'AWSPREVIOUS');
    if (!from.stages.includes('AWSPREVIOUS')) from.stages.push('AWSPREVIOUS');
  }
}

const MAX_VERSIONS = 100;

/** Adds a version with the given stages; deprecated versions (no stages) beyond AWS's 100 are dropped. */
export function addVersion(s: SecretState, version: SecretVersion, stages: readonly string[]): void {
  s.versions.push(version);
  for (const stage of stages) moveStage(s, stage, version);
  while (s.versions.length > MAX_VERSIONS) {
    const i = s.versions.findIndex((v) => v.stages.length === 0);
    if (i < 0) break;
    s.versions.splice(i, 1);
  }
}

/** AWS reports LastAccessedDate rounded down to the day. */
export const accessDay = (now: number): number => Math.floor(now / 86_400_000) * 86_400_000;

export const versionsToStages = (s: SecretState): Record<string, string[]> =>
  Object.fromEntries(s.versions.filter((v) => v.stages.length > 0).map((v) => [v.id, [...v.stages]]));

/** The fields DescribeSecret and ListSecrets share. */
export function secretView(s: SecretState) {
  return {
    ARN: s.arn,
    Name: s.name,
    ...(s.description !== undefined ? { Description: s.description } : {}),
    ...(s.kmsKeyId !== undefined ? { KmsKeyId: s.kmsKeyId } : {}),
    LastChangedDate: new Date(s.lastChanged),
    ...(s.lastAccessed !== undefined ? { LastAccessedDate: new Date(s.lastAccessed) } : {}),
    ...(s.deleted ? { DeletedDate: new Date(s.deleted.at) } : {}),
    ...(s.tags.length > 0 ? { Tags: s.tags.map((t) => ({ ...t })) } : {}),
    CreatedDate: new Date(s.created),
  };
}

export interface SecretStoreSnapshot {
  readonly secrets: ReadonlyArray<Omit<SecretState, 'stamp'>>;
}

export const snapshotSecrets = (store: SecretStore): SecretStoreSnapshot => ({
  secrets: [...store.secrets.values()].map(({ stamp: _stamp, ...rest }) => rest),
});

export function restoreSecrets(store: SecretStore, snap: SecretStoreSnapshot): void {
  store.secrets.clear();
  for (const s of snap.secrets) {
    store.secrets.set(s.name, {
      ...s,
      tags: s.tags.map((t) => ({ ...t })),
      versions: s.versions.map((v) => ({ ...v, stages: [...v.stages] })),
      stamp: 0,
    });
  }
}
