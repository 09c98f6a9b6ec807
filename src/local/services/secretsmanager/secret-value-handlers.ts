// Secrets Manager values: CreateSecret, GetSecretValue, PutSecretValue, UpdateSecret and staging-label moves.
import { AwsError } from '../../aws-error.js';
import type { SandboxEnv } from '../../env.js';
import { uuid } from '../../ids.js';
import { paginate } from '../../paginate.js';
import type { Handler, Input } from '../../service.js';
import {
  accessDay,
  addVersion,
  findSecret,
  markedForDeletion,
  moveStage,
  notFound,
  pickVersion,
  secretArn,
  type SecretState,
  type SecretStore,
  type SecretVersion,
} from './secret-store.js';

type Value = { readonly secretString?: string; readonly secretBinary?: string };

const invalidParameter = (message: string) => new AwsError('InvalidParameterException', message);

/** The value a request carries (at most one of SecretString / SecretBinary). */
function valueOf(input: Input): Value | undefined {
  const str = input.SecretString as string | undefined;
  const bin = input.SecretBinary as Buffer | undefined;
  if (str !== undefined && bin !== undefined)
    throw invalidParameter("You can't specify both a binary secret value and a string secret value in the same secret.");
  if (str !== undefined) return { secretString: str };
  if (bin !== undefined) return { secretBinary: bin.toString('base64') };
  return undefined;
}

const sameValue = (v: SecretVersion, value: Value) => v.secretString === value.secretString && v.secretBinary === value.secretBinary;

/** Idempotency by ClientRequestToken: same token and value is a no-op; same token, other value is refused. */
function existingVersion(s: SecretState, token: string | undefined, value: Value): SecretVersion | undefined {
  const v = token === undefined ? undefined : s.versions.find((x) => x.id === token);
  if (v && !sameValue(v, value))
    throw new AwsError('ResourceExistsException', "You can't modify an existing version, you can only create a new version.");
  return v;
}

export function secretValueHandlers(env: SandboxEnv, store: SecretStore): Record<string, Handler> {
  const visible = (stamp: number) => env.consistency.visible(stamp);
  const live = (secretId: string) => {
    const s = findSecret(store, secretId, visible);
    if (!s) throw notFound();
    if (s.deleted) throw markedForDeletion();
    return s;
  };
  const newVersion = (token: unknown, value: Value, now: number): SecretVersion => ({
    id: (token as string | undefined) ?? uuid(),
    created: now,
    stages: [],
    ...value,
  });

  return {
    CreateSecret: (input, ctx) => {
      const name = input.Name as string;
      if (!/^[A-Za-z0-9/_+=.@-]+$/.test(name))
        throw invalidParameter('Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!');
      const value = valueOf(input);
      const existing = store.secrets.get(name);
      if (existing) {
        if (existing.deleted)
          throw new AwsError(
            'InvalidRequestException',
            "You can't create this secret because a secret with this name is already scheduled for deletion.",
          );
        const same = value && existingVersion(existing, input.ClientRequestToken as string | undefined, value);
        if (same) return { ARN: existing.arn, Name: existing.name, VersionId: same.id };
        throw new AwsError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
      }
      const now = ctx.now().getTime();
      const secret: SecretState = {
        name,
        arn: secretArn(ctx.region, ctx.accountId, name),
        created: now,
        lastChanged: now,
        versions: [],
        stamp: env.consistency.stamp(),
        tags: ((input.Tags as Array<{ Key: string; Value: string }> | undefined) ?? []).map((t) => ({ Key: t.Key, Value: t.Value })),
        ...(input.Description !== undefined ? { description: input.Description as string } : {}),
        ...(input.KmsKeyId !== undefined ? { kmsKeyId: input.KmsKeyId as string } : {}),
      };
      let versionId: string | undefined;
      if (value) {
        const v = newVersion(input.ClientRequestToken, value, now);
        addVersion(secret, v, ['AWSCURRENT']);
        versionId = v.id;
      }
      store.secrets.set(name, secret);
      return { ARN: secret.arn, Name: name, ...(versionId ? { VersionId: versionId } : {}) };
    },
    GetSecretValue: (input, ctx) => {
      const s = live(input.SecretId as string);
      const v = pickVersion(s, input.VersionId as string | undefined, input.VersionStage as string | undefined);
      const day = accessDay(ctx.now().getTime());
      s.lastAccessed = day;
      v.lastAccessed = day;
      return {
        ARN: s.arn,
        Name: s.name,
        VersionId: v.id,
        ...(v.secretString !== undefined ? { SecretString: v.secretString } : {}),
        ...(v.secretBinary !== undefined ? { SecretBinary: Buffer.from(v.secretBinary, 'base64') } : {}),
        VersionStages: [...v.stages],
        CreatedDate: new Date(v.created),
      };
    },
    PutSecretValue: (input, ctx) => {
      const s = live(input.SecretId as string);
      const value = valueOf(input);
      if (!value) throw invalidParameter('You must provide either SecretString or SecretBinary.');
      const same = existingVersion(s, input.ClientRequestToken as string | undefined, value);
      if (same) return { ARN: s.arn, Name: s.name, VersionId: same.id, VersionStages: [...same.stages] };
      const now = ctx.now().getTime();
      const v = newVersion(input.ClientRequestToken, value, now);
      addVersion(s, v, (input.VersionStages as string[] | undefined) ?? ['AWSCURRENT']);
      s.lastChanged = now;
      s.stamp = env.consistency.stamp();
      return { ARN: s.arn, Name: s.name, VersionId: v.id, VersionStages: [...v.stages] };
    },
    UpdateSecret: (input, ctx) => {
      const s = live(input.SecretId as string);
      const value = valueOf(input);
      const same = value && existingVersion(s, input.ClientRequestToken as string | undefined, value);
      const now = ctx.now().getTime();
      if (input.Description !== undefined) s.description = input.Description as string;
      if (input.KmsKeyId !== undefined) s.kmsKeyId = input.KmsKeyId as string;
      let versionId = same?.id;
      if (value && !same) {
        const v = newVersion(input.ClientRequestToken, value, now);
        addVersion(s, v, ['AWSCURRENT']);
        versionId = v.id;
      }
      s.lastChanged = now;
      s.stamp = env.consistency.stamp();
      return { ARN: s.arn, Name: s.name, ...(versionId ? { VersionId: versionId } : {}) };
    },
    UpdateSecretVersionStage: (input, ctx) => {
      const s = live(input.SecretId as string);
      const stage = input.VersionStage as string;
      const moveTo = input.MoveToVersionId as string | undefined;
      const removeFrom = input.RemoveFromVersionId as string | undefined;
      const holder = s.versions.find((v) => v.stages.includes(stage));
      const target = moveTo === undefined ? undefined : s.versions.find((v) => v.id === moveTo);
      if (moveTo !== undefined && !target)
        throw new AwsError('ResourceNotFoundException', `Secrets Manager can't find the specified secret version: ${moveTo}`);
      if (holder && holder !== target && removeFrom !== holder.id) {
        throw invalidParameter(
          `The staging label ${stage} is currently attached to version ${holder.id}, so you must explicitly reference that version in RemoveFromVersionId.`,
        );
      }
      if (removeFrom !== undefined && !s.versions.some((v) => v.id === removeFrom))
        throw new AwsError('ResourceNotFoundException', `Secrets Manager can't find the specified secret version: ${removeFrom}`);
      if (target) moveStage(s, stage, target);
      else if (holder) holder.stages = holder.stages.filter((x) => x !== stage);
      s.lastChanged = ctx.now().getTime();
      return { ARN: s.arn, Name: s.name };
    },
    ListSecretVersionIds: (input) => {
      const s = findSecret(store, input.SecretId as string, visible);
      if (!s) throw notFound();
      const versions = input.IncludeDeprecated === true ? s.versions : s.versions.filter((v) => v.stages.length > 0);
      const page = paginate(
        versions,
        { nextToken: input.NextToken, maxResults: input.MaxResults },
        { defaultSize: 100, maxSize: 100, badToken: () => new AwsError('InvalidNextTokenException', 'The nextToken is not valid.') },
        `versions|${s.arn}`,
      );
      const Versions = page.items.map((v) => ({
        VersionId: v.id,
        VersionStages: [...v.stages],
        CreatedDate: new Date(v.created),
        ...(v.lastAccessed !== undefined ? { LastAccessedDate: new Date(v.lastAccessed) } : {}),
      }));
      return { ARN: s.arn, Name: s.name, Versions, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
    },
  };
}
