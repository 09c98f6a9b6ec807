// Listener and rule actions as AWS accepts them (forward with weights and stickiness, fixed-response, redirect), normalised for Describe*.
import { AwsError } from '../../aws-error.js';
import { checkArn } from './elbv2-arns.js';
import { invalidAction, notEmulated, targetGroupNotFound, validation } from './elbv2-errors.js';
import type { ActionRecord, TargetGroupRecord } from './elbv2-state.js';

const TERMINAL = new Set(['forward', 'redirect', 'fixed-response']);
const MAX_GROUPS_PER_ACTION = 5;
const CONTENT_TYPES = ['text/plain', 'text/css', 'text/html', 'application/javascript', 'application/json'];

interface ActionInput {
  readonly Type?: string;
  readonly Order?: number;
  readonly TargetGroupArn?: string;
  readonly ForwardConfig?: {
    readonly TargetGroups?: ReadonlyArray<{ readonly TargetGroupArn?: string; readonly Weight?: number }>;
    readonly TargetGroupStickinessConfig?: { readonly Enabled?: boolean; readonly DurationSeconds?: number };
  };
  readonly FixedResponseConfig?: { readonly StatusCode?: string; readonly ContentType?: string; readonly MessageBody?: string };
  readonly RedirectConfig?: {
    readonly StatusCode?: string;
    readonly Protocol?: string;
    readonly Host?: string;
    readonly Port?: string;
    readonly Path?: string;
    readonly Query?: string;
  };
}

export interface ActionContext {
  readonly targetGroup: (arn: string) => TargetGroupRecord | undefined;
  /** The listener's protocol and port, to refuse a redirect to the very same URL. */
  readonly listenerProtocol: string;
  readonly listenerPort: number;
}

function forward(a: ActionInput, ctx: ActionContext): ActionRecord {
  const tuples = a.ForwardConfig?.TargetGroups ?? [];
  if (!a.TargetGroupArn && tuples.length === 0) throw validation("A target group ARN must be specified for a 'forward' action");
  if (a.TargetGroupArn && tuples.length > 0 && (tuples.length !== 1 || tuples[0]!.TargetGroupArn !== a.TargetGroupArn)) {
    throw validation('You cannot specify a target group ARN and a forward config that uses other target groups in the same action');
  }
  const groups =
    tuples.length > 0
      ? tuples.map((t) => ({ TargetGroupArn: t.TargetGroupArn ?? '', Weight: t.Weight ?? 1 }))
      : [{ TargetGroupArn: a.TargetGroupArn!, Weight: 1 }];
  if (groups.length > MAX_GROUPS_PER_ACTION)
    throw new AwsError('TooManyTargetGroups', `You cannot specify more than '${MAX_GROUPS_PER_ACTION}' target groups in a forward action`);
  const seen = new Set<string>();
  for (const g of groups) {
    checkArn('targetgroup', g.TargetGroupArn);
    if (seen.has(g.TargetGroupArn))
      throw validation(`Target group '${g.TargetGroupArn}' is specified more than once in the forward action`);
    seen.add(g.TargetGroupArn);
    if (!Number.isInteger(g.Weight) || g.Weight < 0 || g.Weight > 999)
      throw validation('The weight for each target group must be between 0 and 999, inclusive');
  }
  for (const g of groups) {
    const tg = ctx.targetGroup(g.TargetGroupArn);
    if (!tg) throw targetGroupNotFound();
    if (tg.targetType !== 'lambda' && tg.protocol !== 'HTTP' && tg.protocol !== 'HTTPS') {
      throw new AwsError(
        'IncompatibleProtocols',
        `The target group '${tg.arn}' uses protocol '${tg.protocol ?? ''}', which is not compatible with an Application Load Balancer listener`,
      );
    }
  }
  const sticky = a.ForwardConfig?.TargetGroupStickinessConfig;
  let stickiness: { Enabled: boolean; DurationSeconds?: number } = { Enabled: false };
  if (sticky?.Enabled) {
    const d = sticky.DurationSeconds;
    if (d === undefined || d < 1 || d > 604800)
      throw validation('The target group stickiness duration must be between 1 and 604800 seconds');
    stickiness = { Enabled: true, DurationSeconds: d };
  }
  const single = groups.length === 1 ? { TargetGroupArn: groups[0]!.TargetGroupArn } : {};
  return { Type: 'forward', ...single, ForwardConfig: { TargetGroups: groups, TargetGroupStickinessConfig: stickiness } };
}

function fixedResponse(a: ActionInput): ActionRecord {
  const c = a.FixedResponseConfig;
  if (!c?.StatusCode) throw validation("A fixed-response config must be specified for a 'fixed-response' action");
  if (c.ContentType !== undefined && !CONTENT_TYPES.includes(c.ContentType)) {
    throw validation(`Content type '${c.ContentType}' must be one of '[${CONTENT_TYPES.join(', ')}]'`);
  }
  return {
    Type: 'fixed-response',
    FixedResponseConfig: {
      StatusCode: c.StatusCode,
      ...(c.ContentType !== undefined ? { ContentType: c.ContentType } : {}),
      ...(c.MessageBody !== undefined ? { MessageBody: c.MessageBody } : {}),
    },
  };
}

function redirect(a: ActionInput, ctx: ActionContext): ActionRecord {
  const c = a.RedirectConfig;
  if (!c?.StatusCode) throw validation("A redirect config must be specified for a 'redirect' action");
  const full = {
    Protocol: c.Protocol ?? '#{protocol}',
    Port: c.Port ?? '#{port}',
    Host: c.Host ?? '#{host}',
    Path: c.Path ?? '/#{path}',
    Query: c.Query ?? '#{query}',
    StatusCode: c.StatusCode,
  };
  if (!full.Path.startsWith('/')) throw validation(`The redirect path '${full.Path}' must start with a '/' character`);
  if (full.Port !== '#{port}' && !(/^\d+$/.test(full.Port) && Number(full.Port) >= 1 && Number(full.Port) <= 65535)) {
    throw validation(`The redirect port '${full.Port}' must be '#{port}' or a port number between 1 and 65535`);
  }
  const sameProtocol = full.Protocol === '#{protocol}' || full.Protocol === ctx.listenerProtocol;
  const samePort = full.Port === '#{port}' || Number(full.Port) === ctx.listenerPort;
  if (sameProtocol && samePort && full.Host === '#{host}' && full.Path === '/#{path}' && full.Query === '#{query}') {
    throw invalidAction('The redirect configuration is not valid: it redirects to the same URL (a redirect loop)');
  }
  return { Type: 'redirect', RedirectConfig: full };
}

/** Validates a list of actions (exactly one forward/redirect/fixed-response, run last) and normalises it. */
export function normaliseActions(input: readonly unknown[], ctx: ActionContext): ActionRecord[] {
  if (input.length === 0) throw validation('At least one action must be specified');
  const actions = input as readonly ActionInput[];
  for (const a of actions) {
    if (!TERMINAL.has(a.Type ?? '')) throw notEmulated(`The '${a.Type ?? ''}' action type`);
  }
  if (actions.length > 1) {
    const orders = actions.map((a) => a.Order);
    if (orders.some((o) => o === undefined))
      throw validation('An action order must be specified for each action when a rule has more than one action');
    if (new Set(orders).size !== orders.length) throw validation('Action orders must be unique');
    throw invalidAction("A rule can have only one 'forward', 'redirect' or 'fixed-response' action");
  }
  const a = actions[0]!;
  const normalised = a.Type === 'forward' ? forward(a, ctx) : a.Type === 'redirect' ? redirect(a, ctx) : fixedResponse(a);
  return [a.Order !== undefined ? { ...normalised, Order: a.Order } : normalised];
}
