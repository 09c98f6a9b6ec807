// Secrets Manager (awsJson1_1, secretsmanager): secrets, deletion with a recovery window, listing, tags, and its SecretReader half.
import { AwsError } from '../../aws-error.js';
import type { SandboxEnv } from '../../env.js';
import { loadModel } from '../../model/model.js';
import { paginate } from '../../paginate.js';
import type { Handler, SandboxService } from '../../service.js';
import { secretListFilter, type SecretFilter } from './secret-list-filter.js';
import { provideSecretLookup } from './secret-reader.js';
import {
  createSecretStore,
  findSecret,
  notFound,
  pickVersion,
  purgeExpired,
  restoreSecrets,
  secretView,
  snapshotSecrets,
  versionsToStages,
  type SecretStoreSnapshot,
} from './secret-store.js';
import { secretValueHandlers } from './secret-value-handlers.js';

const DAY = 86_400_000;
const invalidParameter = (message: string) => new AwsError('InvalidParameterException', message);

export function createSecretsManagerService(env: SandboxEnv): SandboxService {
  const store = createSecretStore();
  const visible = (stamp: number) => env.consistency.visible(stamp);
  const now = () => env.clock.now().getTime();

  provideSecretLookup(env, {
    secrets: (q) => {
      purgeExpired(store, now());
      const s = findSecret(store, q.secretId);
      if (!s) return { kind: 'missing', error: "ResourceNotFoundException: Secrets Manager can't find the specified secret." };
      if (s.deleted)
        return {
          kind: 'missing',
          error: "InvalidRequestException: You can't perform this operation on the secret because it was marked for deletion.",
        };
      try {
        const v = pickVersion(s, q.versionId, q.versionStage);
        return { kind: 'found', value: v.secretString ?? Buffer.from(v.secretBinary ?? '', 'base64').toString('utf8') };
      } catch (e) {
        return { kind: 'missing', error: e instanceof AwsError ? `${e.code}: ${e.message}` : String(e) };
      }
    },
  });

  const handlers: Record<string, Handler> = {
    ...secretValueHandlers(env, store),
    DescribeSecret: (input) => {
      const s = findSecret(store, input.SecretId as string, visible);
      if (!s) throw notFound();
      return { ...secretView(s), VersionIdsToStages: versionsToStages(s) };
    },
    DeleteSecret: (input, ctx) => {
      const force = input.ForceDeleteWithoutRecovery === true;
      const days = input.RecoveryWindowInDays as number | undefined;
      if (force && days !== undefined)
        throw invalidParameter("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
      if (days !== undefined && (days < 7 || days > 30))
        throw invalidParameter('The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
      const at = ctx.now().getTime();
      const s = findSecret(store, input.SecretId as string);
      if (!s) {
        // AWS documents that a forced delete of a missing secret does not answer ResourceNotFoundException.
        if (force) return { Name: input.SecretId as string, DeletionDate: new Date(at) };
        throw notFound();
      }
      if (s.deleted && !force)
        throw new AwsError(
          'InvalidRequestException',
          "You can't perform this operation on the secret because it was already scheduled for deletion.",
        );
      const purgeAt = force ? at : at + (days ?? 30) * DAY;
      if (force) store.secrets.delete(s.name);
      else s.deleted = { at, purgeAt };
      return { ARN: s.arn, Name: s.name, DeletionDate: new Date(purgeAt) };
    },
    RestoreSecret: (input) => {
      const s = findSecret(store, input.SecretId as string, visible);
      if (!s) throw notFound();
      delete s.deleted;
      return { ARN: s.arn, Name: s.name };
    },
    ListSecrets: (input) => {
      const keep = secretListFilter((input.Filters as SecretFilter[] | undefined) ?? []);
      const sortBy = (input.SortBy as string | undefined) ?? 'created-date';
      const order = (input.SortOrder as string | undefined) ?? 'desc';
      const key = (s: { name: string; created: number; lastChanged: number; lastAccessed?: number }): string | number =>
        sortBy === 'name'
          ? s.name
          : sortBy === 'last-changed-date'
            ? s.lastChanged
            : sortBy === 'last-accessed-date'
              ? (s.lastAccessed ?? 0)
              : s.created;
      const all = [...store.secrets.values()]
        .filter((s) => visible(s.stamp) && (input.IncludePlannedDeletion === true || !s.deleted) && keep(s))
        .sort((a, b) => {
          const ka = key(a);
          const kb = key(b);
          const c = ka < kb ? -1 : ka > kb ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
          return order === 'asc' ? c : -c;
        });
      const page = paginate(
        all,
        { nextToken: input.NextToken, maxResults: input.MaxResults },
        { defaultSize: 100, maxSize: 100, badToken: () => new AwsError('InvalidNextTokenException', 'The nextToken is not valid.') },
        `list|${JSON.stringify(input.Filters ?? [])}|${sortBy}|${order}|${String(input.IncludePlannedDeletion === true)}`,
      );
      const SecretList = page.items.map((s) => ({ ...secretView(s), SecretVersionsToStages: versionsToStages(s) }));
      return page.nextToken ? { SecretList, NextToken: page.nextToken } : { SecretList };
    },
    TagResource: (input) => {
      const s = findSecret(store, input.SecretId as string, visible);
      if (!s) throw notFound();
      const tags = new Map(s.tags.map((t) => [t.Key, t.Value]));
      for (const t of input.Tags as Array<{ Key: string; Value: string }>) tags.set(t.Key, t.Value);
      if (tags.size > 50) throw invalidParameter("The number of tags on a secret can't exceed 50.");
      s.tags = [...tags].map(([Key, Value]) => ({ Key, Value }));
      return {};
    },
    UntagResource: (input) => {
      const s = findSecret(store, input.SecretId as string, visible);
      if (!s) throw notFound();
      const drop = new Set(input.TagKeys as string[]);
      s.tags = s.tags.filter((t) => !drop.has(t.Key));
      return {};
    },
  };

  // Every call first lets expired recovery windows end, as AWS's background purge would have.
  const withPurge = Object.fromEntries(
    Object.entries(handlers).map(([op, h]) => [
      op,
      ((input, ctx) => {
        purgeExpired(store, now());
        return h(input, ctx);
      }) as Handler,
    ]),
  );

  return {
    name: 'secretsmanager',
    model: loadModel('secretsmanager'),
    validation: { code: 'ValidationException' },
    handlers: withPurge,
    snapshot: () => snapshotSecrets(store),
    restore: (state) => restoreSecrets(store, state as SecretStoreSnapshot),
  };
}
