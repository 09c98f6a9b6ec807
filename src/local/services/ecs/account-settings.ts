// PutAccountSetting, PutAccountSettingDefault, ListAccountSettings, DeleteAccountSetting: ECS's per-region opt-ins.
import { paginate } from '../../paginate.js';
import type { Handler } from '../../service.js';
import type { EcsContext } from './ecs-context.js';
import { badMaxResults, badNextToken, invalidParameter } from './ecs-errors.js';
import type { Json } from './ecs-state.js';

/**
 * Every setting name of the current model with the values it takes and AWS's default [DG:"Access Amazon ECS features
 * with account settings"]. fargateEventWindows' default is not documented (our choice: disabled).
 */
export const SETTINGS: Readonly<Record<string, { readonly values: readonly string[]; readonly fallback: string }>> = {
  serviceLongArnFormat: { values: ['enabled', 'disabled'], fallback: 'enabled' },
  taskLongArnFormat: { values: ['enabled', 'disabled'], fallback: 'enabled' },
  containerInstanceLongArnFormat: { values: ['enabled', 'disabled'], fallback: 'enabled' },
  awsvpcTrunking: { values: ['enabled', 'disabled'], fallback: 'disabled' },
  containerInsights: { values: ['enabled', 'disabled', 'enhanced'], fallback: 'disabled' },
  fargateFIPSMode: { values: ['enabled', 'disabled'], fallback: 'disabled' },
  tagResourceAuthorization: { values: ['on', 'off'], fallback: 'on' },
  fargateTaskRetirementWaitPeriod: { values: ['0', '7', '14'], fallback: '7' },
  guardDutyActivate: { values: ['on', 'off'], fallback: 'off' },
  defaultLogDriverMode: { values: ['blocking', 'non-blocking'], fallback: 'non-blocking' },
  fargateEventWindows: { values: ['enabled', 'disabled'], fallback: 'disabled' },
};

/** [API:ECS Setting] `type`: guardDutyActivate is the only setting AWS manages (read-only). */
const AWS_MANAGED = new Set(['guardDutyActivate']);

const rootArn = (ctx: EcsContext): string => `arn:aws:iam::${ctx.scope.accountId}:root`;

/**
 * The principal a call is about: the root user when omitted (the sandbox does not tell callers apart, so "the
 * authenticated user" is the account's root), else an IAM user, role or root ARN of this account.
 */
function principalOf(ctx: EcsContext, raw: unknown): string {
  if (raw === undefined) return rootArn(ctx);
  const arn = String(raw);
  const m = /^arn:aws[\w-]*:iam::(\d{12}):(root|user\/.+|role\/.+)$/.exec(arn);
  if (!m) throw invalidParameter(`The principal ARN ${arn} is not valid. Specify the ARN of an IAM user, an IAM role or the root user.`);
  if (m[1] !== ctx.scope.accountId) throw invalidParameter(`The principal ARN ${arn} does not belong to account ${ctx.scope.accountId}.`);
  return m[2] === 'root' ? rootArn(ctx) : arn;
}

function checkValue(name: string, value: unknown, principal: string, root: string): string {
  const spec = SETTINGS[name];
  if (!spec) throw invalidParameter(`The account setting name ${name} is not valid.`);
  if (AWS_MANAGED.has(name)) throw invalidParameter(`The ${name} account setting is managed by AWS and cannot be changed.`);
  const v = String(value);
  if (!spec.values.includes(v))
    throw invalidParameter(`The value ${v} is not valid for the ${name} account setting. Valid values are ${spec.values.join(', ')}.`);
  if (name === 'fargateTaskRetirementWaitPeriod' && principal !== root)
    throw invalidParameter('The fargateTaskRetirementWaitPeriod account setting can be set only for the root user.');
  return v;
}

export interface EffectiveSetting {
  readonly value: string;
  /** Whether a user set it (for this principal or the account) rather than AWS's default. */
  readonly set: boolean;
}

/** A principal's own setting, else the account's (root user's), else AWS's default. */
export function effectiveSetting(ctx: EcsContext, name: string, principal = rootArn(ctx)): EffectiveSetting {
  const s = ctx.state.accountSettings;
  const own = s.principals[principal]?.[name] ?? s.account[name];
  return own !== undefined ? { value: own, set: true } : { value: SETTINGS[name]?.fallback ?? '', set: false };
}

const view = (name: string, value: string, principalArn: string): Json => ({
  name,
  value,
  principalArn,
  type: AWS_MANAGED.has(name) ? 'aws_managed' : 'user',
});

export function accountSettingHandlers(ctx: EcsContext): Record<string, Handler> {
  const settings = ctx.state.accountSettings;
  /** The map a principal's settings live in (the root user's are the account's). */
  const mapOf = (principal: string): Record<string, string> =>
    principal === rootArn(ctx) ? settings.account : (settings.principals[principal] ??= {});
  return {
    PutAccountSetting: (input) => {
      const principal = principalOf(ctx, input.principalArn);
      const name = String(input.name);
      const value = checkValue(name, input.value, principal, rootArn(ctx));
      mapOf(principal)[name] = value;
      return { setting: view(name, value, principal) };
    },

    PutAccountSettingDefault: (input) => {
      const name = String(input.name);
      const value = checkValue(name, input.value, rootArn(ctx), rootArn(ctx));
      settings.account[name] = value;
      return { setting: view(name, value, rootArn(ctx)) };
    },

    DeleteAccountSetting: (input) => {
      const principal = principalOf(ctx, input.principalArn);
      const name = String(input.name);
      if (!SETTINGS[name]) throw invalidParameter(`The account setting name ${name} is not valid.`);
      if (AWS_MANAGED.has(name)) throw invalidParameter(`The ${name} account setting is managed by AWS and cannot be changed.`);
      const map = mapOf(principal);
      // Answers the setting as it was (AWS's example); one never set answers its effective value (our choice).
      const before = map[name] ?? effectiveSetting(ctx, name, principal).value;
      delete map[name];
      if (principal !== rootArn(ctx) && Object.keys(map).length === 0) delete settings.principals[principal];
      return { setting: view(name, before, principal) };
    },

    ListAccountSettings: (input) => {
      const principal = principalOf(ctx, input.principalArn);
      const name = input.name as string | undefined;
      const value = input.value as string | undefined;
      if (value !== undefined && name === undefined)
        throw invalidParameter('You must also specify an account setting name to use the value parameter.');
      const own = principal === rootArn(ctx) ? settings.account : (settings.principals[principal] ?? {});
      const all = Object.keys(SETTINGS)
        .filter((n) => name === undefined || n === name)
        .flatMap((n) => {
          const v = input.effectiveSettings === true ? effectiveSetting(ctx, n, principal).value : own[n];
          return v === undefined || (value !== undefined && v !== value) ? [] : [view(n, v, principal)];
        })
        .sort((a, b) => String(a.name).localeCompare(String(b.name)));
      const page = paginate(
        all,
        input,
        { defaultSize: 10, maxSize: 10, badToken: badNextToken, badSize: badMaxResults(10) },
        `settings:${principal}:${String(name)}:${String(value)}:${String(input.effectiveSettings)}`,
      );
      return { settings: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
    },
  };
}
