// CreateListener, DescribeListeners, ModifyListener, DeleteListener: HTTP listeners (HTTPS accepted, served as plain HTTP locally).
import { AwsError } from '../../../aws-error.js';
import { hexId } from '../../../ids.js';
import type { Handler, Input } from '../../../service.js';
import { normaliseActions } from '../action-validation.js';
import { checkAssociations } from '../association-limits.js';
import { checkArn, listenerArn, ruleArn } from '../elbv2-arns.js';
import { markerPage, strings, visible, type Elbv2Context } from '../elbv2-context.js';
import { listenerNotFound, loadBalancerNotFound, validation } from '../elbv2-errors.js';
import { listenerOutput } from '../elbv2-output.js';
import { listenersOf, type ListenerRecord, type LoadBalancerRecord } from '../elbv2-state.js';
import { initialTags } from '../tag-list.js';

/** DG quotas: listeners per Application Load Balancer. */
const MAX_LISTENERS = 50;
const DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-2016-08';

type ListenerSettings = Pick<ListenerRecord, 'port' | 'protocol' | 'sslPolicy' | 'certificates' | 'alpnPolicy' | 'defaultActions'>;

function settingsFrom(ctx: Elbv2Context, input: Input, base: ListenerSettings | undefined): ListenerSettings {
  const protocol = (input.Protocol as string | undefined) ?? base?.protocol;
  const port = (input.Port as number | undefined) ?? base?.port;
  if (protocol === undefined) throw validation('A listener protocol must be specified');
  if (port === undefined) throw validation('A listener port must be specified');
  if (protocol !== 'HTTP' && protocol !== 'HTTPS')
    throw new AwsError('UnsupportedProtocol', `Protocol '${protocol}' is not supported for load balancers of type 'application'`);
  const certificates = (input.Certificates as ListenerRecord['certificates']) ?? base?.certificates;
  let sslPolicy = (input.SslPolicy as string | undefined) ?? base?.sslPolicy;
  if (protocol === 'HTTPS') {
    if (!certificates?.length) throw validation('A certificate must be specified for HTTPS listeners');
    if (certificates.length > 1) throw validation('Only one default certificate can be specified for a listener');
    sslPolicy ??= DEFAULT_SSL_POLICY;
  }
  const rawActions = input.DefaultActions as unknown[] | undefined;
  const defaultActions =
    rawActions !== undefined || !base
      ? normaliseActions(rawActions ?? [], {
          targetGroup: (arn) => ctx.state.targetGroups.get(arn),
          listenerProtocol: protocol,
          listenerPort: port,
        })
      : base.defaultActions;
  const alpnPolicy = (input.AlpnPolicy as string[] | undefined) ?? base?.alpnPolicy;
  return {
    port,
    protocol,
    defaultActions,
    ...(protocol === 'HTTPS' ? { sslPolicy, certificates } : {}),
    ...(alpnPolicy ? { alpnPolicy } : {}),
  };
}

export function listenerHandlers(ctx: Elbv2Context): Record<string, Handler> {
  const { state } = ctx;
  const find = (arn: string) => {
    const l = state.listeners.get(checkArn('listener', arn));
    if (!l || !visible(ctx, l)) throw listenerNotFound();
    return l;
  };
  const findLb = (arn: string): LoadBalancerRecord => {
    const lb = state.loadBalancers.get(checkArn('loadbalancer', arn));
    if (!lb || !visible(ctx, lb)) throw loadBalancerNotFound();
    return lb;
  };
  const onPort = (lbArn: string, port: number, except?: string) =>
    listenersOf(state, lbArn).find((l) => l.port === port && l.arn !== except);
  const duplicate = (lbArn: string) =>
    new AwsError('DuplicateListener', `A listener already exists on this port for this load balancer '${lbArn}'`);

  return {
    async CreateListener(input) {
      const lb = findLb(String(input.LoadBalancerArn));
      const settings = settingsFrom(ctx, input, undefined);
      const existing = onPort(lb.arn, settings.port);
      if (existing) {
        const { arn: _a, id: _i, loadBalancerArn: _l, defaultRuleArn: _d, tags: _t, stamp: _s, ...current } = existing;
        if (JSON.stringify(current) !== JSON.stringify(settings)) throw duplicate(lb.arn);
        return { Listeners: [listenerOutput(existing)] };
      }
      if (listenersOf(state, lb.arn).length >= MAX_LISTENERS)
        throw new AwsError(
          'TooManyListeners',
          `The quota for the number of listeners ('${MAX_LISTENERS}') per load balancer has been reached`,
        );
      checkAssociations(state, lb.arn, settings.defaultActions);
      const id = hexId(8);
      const arn = listenerArn(ctx.scope, lb.name, lb.id, id);
      const defaultRuleArn = ruleArn(ctx.scope, lb.name, lb.id, id, hexId(8));
      const stamp = ctx.env.consistency.stamp();
      const listener: ListenerRecord = {
        ...settings,
        arn,
        id,
        loadBalancerArn: lb.arn,
        defaultRuleArn,
        tags: initialTags(input.Tags, arn),
        stamp,
      };
      state.listeners.set(arn, listener);
      state.rules.set(defaultRuleArn, {
        arn: defaultRuleArn,
        listenerArn: arn,
        priority: undefined,
        conditions: [],
        actions: [],
        tags: [],
        stamp,
      });
      ctx.routingChanged();
      await ctx.dataPlane.bind(arn, listener.port);
      return { Listeners: [listenerOutput(listener)] };
    },

    DescribeListeners(input) {
      const arns = strings(input.ListenerArns);
      const lbArn = input.LoadBalancerArn as string | undefined;
      if (arns.length === 0 && lbArn === undefined) throw validation('You must specify either listener ARNs or a load balancer ARN');
      const selected = arns.length > 0 ? arns.map(find) : listenersOf(state, findLb(lbArn!).arn).filter((l) => visible(ctx, l));
      const page = markerPage(selected, input, `listeners:${arns.join()}:${lbArn ?? ''}`);
      return { Listeners: page.items.map(listenerOutput), ...(page.NextMarker ? { NextMarker: page.NextMarker } : {}) };
    },

    async ModifyListener(input) {
      const listener = find(String(input.ListenerArn));
      const settings = settingsFrom(ctx, input, listener);
      if (onPort(listener.loadBalancerArn, settings.port, listener.arn)) throw duplicate(listener.loadBalancerArn);
      checkAssociations(state, listener.loadBalancerArn, settings.defaultActions);
      const { sslPolicy: _p, certificates: _c, alpnPolicy: _n, ...kept } = listener;
      const next: ListenerRecord = { ...kept, ...settings };
      state.listeners.set(listener.arn, next);
      ctx.routingChanged();
      await ctx.dataPlane.bind(listener.arn, next.port);
      return { Listeners: [listenerOutput(next)] };
    },

    async DeleteListener(input) {
      const listener = find(String(input.ListenerArn));
      for (const r of [...state.rules.values()]) if (r.listenerArn === listener.arn) state.rules.delete(r.arn);
      state.listeners.delete(listener.arn);
      ctx.routingChanged();
      await ctx.dataPlane.unbind(listener.arn);
      return {};
    },
  };
}
