// SSM Parameter Store (awsJson1_1, AmazonSSM): parameters, versions, labels, tags, the SSM half of the SecretReader seam,
// and Session Manager's StartSession (answered as for a target without a running agent).
import { AwsError } from '../../aws-error.js';
import type { SandboxEnv } from '../../env.js';
import { loadModel } from '../../model/model.js';
import { paginate } from '../../paginate.js';
import type { CallContext, Handler, SandboxService } from '../../service.js';
import { provideSecretLookup } from '../secretsmanager/secret-reader.js';
import {
  BY_PATH_SCOPE,
  DESCRIBE_SCOPE,
  labelFilterValues,
  legacyFilters,
  stringFilters,
  type LegacyFilter,
  type StringFilter,
} from './parameter-filters.js';
import {
  checkPath,
  INVALID_READ_NAME,
  isUnderPath,
  isWellFormedName,
  parameterKey,
  parseSelector,
  type Selector,
} from './parameter-names.js';
import {
  createParameterStore,
  findParameter,
  historyView,
  latest,
  metadataView,
  parameterNamed,
  parameterNotFound,
  parameterView,
  restoreParameters,
  selectVersion,
  snapshotParameters,
  type ParameterState,
  type ParameterStoreSnapshot,
} from './parameter-store.js';
import { applyPut, planPut, type PutInput } from './put-parameter.js';
import { labelHandlers } from './ssm-label-handlers.js';

const badToken = () => new AwsError('InvalidNextToken', "The specified token isn't valid.");

/** Reads parse `name[:selector]` or a parameter ARN, and refuse a malformed name (a slash not at the start, "//"). */
function readSelector(raw: string): Selector {
  const sel = parseSelector(raw);
  if (!sel.fromArn && !isWellFormedName(sel.name)) throw new AwsError('ValidationException', INVALID_READ_NAME);
  return sel;
}

/** AWS echoes the name a read used ("/name" for a parameter created as "name"); a read by ARN answers the stored name. */
const echoedName = (sel: Selector): string | undefined => (sel.fromArn ? undefined : sel.name);
const byName = (a: ParameterState, b: ParameterState) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function createSsmService(env: SandboxEnv): SandboxService {
  const store = createParameterStore();
  const visible = (stamp: number) => env.consistency.visible(stamp);
  const view = (ctx: CallContext, withDecryption: unknown) => ({
    region: ctx.region,
    accountId: ctx.accountId,
    withDecryption: withDecryption === true,
  });

  provideSecretLookup(env, {
    // ECS reads SecureString values decrypted (its execution role needs kms:Decrypt, which the sandbox grants).
    parameters: (name) => {
      const p = findParameter(store, parseSelector(name), () => true);
      if (!p) return { kind: 'missing' };
      try {
        return { kind: 'found', value: selectVersion(p, parseSelector(name)).value };
      } catch {
        return { kind: 'missing' };
      }
    },
  });

  const handlers: Record<string, Handler> = {
    PutParameter: (input, ctx) => {
      const put = input as unknown as PutInput;
      const existing = parameterNamed(store, put.Name);
      const version = planPut(put, existing, {
        region: ctx.region,
        accountId: ctx.accountId,
        now: ctx.now().getTime(),
        user: `arn:aws:iam::${ctx.accountId}:root`,
      });
      if (existing) {
        applyPut(existing, version);
        existing.stamp = env.consistency.stamp();
      } else {
        const tags = Object.fromEntries((put.Tags ?? []).map((t) => [t.Key, t.Value]));
        store.parameters.set(parameterKey(put.Name), { name: put.Name, versions: [version], tags, stamp: env.consistency.stamp() });
      }
      return { Version: version.version, Tier: version.tier };
    },
    GetParameter: (input, ctx) => {
      const sel = readSelector(input.Name as string);
      const p = findParameter(store, sel, visible);
      if (!p) throw parameterNotFound();
      const selector = sel.kind === 'latest' ? undefined : sel.text;
      return { Parameter: parameterView(p, selectVersion(p, sel), view(ctx, input.WithDecryption), selector, echoedName(sel)) };
    },
    GetParameters: (input, ctx) => {
      const names = [...new Set(input.Names as string[])];
      const found: unknown[] = [];
      const invalid: string[] = [];
      for (const raw of names) {
        try {
          const sel = readSelector(raw);
          const p = findParameter(store, sel, visible);
          if (!p) throw parameterNotFound();
          const selector = sel.kind === 'latest' ? undefined : sel.text;
          found.push(parameterView(p, selectVersion(p, sel), view(ctx, input.WithDecryption), selector, echoedName(sel)));
        } catch {
          invalid.push(raw);
        }
      }
      return { Parameters: found, InvalidParameters: invalid };
    },
    GetParametersByPath: (input, ctx) => {
      const path = input.Path as string;
      const checked = checkPath(path);
      if (checked.kind === 'invalid') throw new AwsError('ValidationException', checked.message);
      const filters = (input.ParameterFilters as StringFilter[] | undefined) ?? [];
      const keep = stringFilters(filters, BY_PATH_SCOPE);
      const labels = labelFilterValues(filters);
      const recursive = input.Recursive === true;
      const all = [...store.parameters.values()]
        .filter((p) => visible(p.stamp) && isUnderPath(p.name, path, recursive) && keep(p))
        .sort(byName);
      const page = paginate(
        all,
        { nextToken: input.NextToken, maxResults: input.MaxResults },
        { defaultSize: 10, maxSize: 10, badToken },
        `path|${path}|${String(recursive)}|${JSON.stringify(filters)}`,
      );
      const Parameters = page.items.map((p) =>
        parameterView(
          p,
          (labels && [...p.versions].reverse().find((v) => v.labels.some((l) => labels.includes(l)))) || latest(p),
          view(ctx, input.WithDecryption),
        ),
      );
      return page.nextToken ? { Parameters, NextToken: page.nextToken } : { Parameters };
    },
    DeleteParameter: (input) => {
      const name = input.Name as string;
      if (!isWellFormedName(name)) throw new AwsError('ValidationException', INVALID_READ_NAME);
      if (!store.parameters.delete(parameterKey(name))) throw parameterNotFound();
      return {};
    },
    DeleteParameters: (input) => {
      const deleted: string[] = [];
      const invalid: string[] = [];
      for (const name of new Set(input.Names as string[])) (store.parameters.delete(parameterKey(name)) ? deleted : invalid).push(name);
      return { DeletedParameters: deleted, InvalidParameters: invalid };
    },
    DescribeParameters: (input, ctx) => {
      const filters = input.Filters as LegacyFilter[] | undefined;
      const parameterFilters = input.ParameterFilters as StringFilter[] | undefined;
      if (filters && parameterFilters)
        throw new AwsError('ValidationException', 'You can use either Filters or ParameterFilters in a single request.');
      const keep = filters ? legacyFilters(filters) : stringFilters(parameterFilters ?? [], DESCRIBE_SCOPE);
      const all = [...store.parameters.values()].filter((p) => visible(p.stamp) && keep(p)).sort(byName);
      const page = paginate(
        all,
        { nextToken: input.NextToken, maxResults: input.MaxResults },
        { defaultSize: 10, maxSize: 50, badToken },
        `describe|${JSON.stringify(filters ?? parameterFilters ?? [])}`,
      );
      const Parameters = page.items.map((p) => metadataView(p, { region: ctx.region, accountId: ctx.accountId }));
      return page.nextToken ? { Parameters, NextToken: page.nextToken } : { Parameters };
    },
    GetParameterHistory: (input) => {
      const p = findParameter(store, readSelector(input.Name as string), visible);
      if (!p) throw parameterNotFound();
      const page = paginate(
        p.versions,
        { nextToken: input.NextToken, maxResults: input.MaxResults },
        { defaultSize: 50, maxSize: 50, badToken },
        `history|${p.name}`,
      );
      const Parameters = page.items.map((v) => historyView(p, v, input.WithDecryption === true));
      return page.nextToken ? { Parameters, NextToken: page.nextToken } : { Parameters };
    },
    ...labelHandlers(store),
    // Session Manager: no SSM agent runs beside the sandbox's local processes (ECS ExecuteCommand answers the same way).
    StartSession: (input) => {
      throw new AwsError('TargetNotConnected', `${String(input.Target)} is not connected.`);
    },
  };

  return {
    name: 'ssm',
    model: loadModel('ssm'),
    validation: { code: 'ValidationException' },
    handlers,
    snapshot: () => snapshotParameters(store),
    restore: (state) => restoreParameters(store, state as ParameterStoreSnapshot),
  };
}
