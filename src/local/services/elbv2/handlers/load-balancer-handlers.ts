// CreateLoadBalancer, DescribeLoadBalancers, DeleteLoadBalancer and the load balancer attribute calls.
import { AwsError } from '../../../aws-error.js';
import { decimalId, hexId } from '../../../ids.js';
import type { Handler, Input } from '../../../service.js';
import { applyLoadBalancerAttributes, attributeList, defaultLoadBalancerAttributes, type AttributeInput } from '../attributes.js';
import { checkArn, dnsName, loadBalancerArn } from '../elbv2-arns.js';
import { markerPage, strings, visible, type Elbv2Context } from '../elbv2-context.js';
import { loadBalancerNotFound, notEmulated, validation } from '../elbv2-errors.js';
import { loadBalancerOutput } from '../elbv2-output.js';
import { listenersOf, type LoadBalancerRecord } from '../elbv2-state.js';
import { checkLoadBalancerName } from '../resource-names.js';
import { initialTags } from '../tag-list.js';
import { loadBalancerNetwork } from '../network-checks.js';

/** DG quotas: Application Load Balancers per Region. */
const MAX_LOAD_BALANCERS = 50;
/** Simulated time an ALB stays `provisioning` (AWS takes minutes; a choice, see spec.md). */
export const PROVISIONING_MS = 10_000;

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

function subnetsOf(input: Input): string[] {
  const subnets = strings(input.Subnets);
  const mappings = (Array.isArray(input.SubnetMappings) ? input.SubnetMappings : []) as Array<{ SubnetId?: string }>;
  if (subnets.length > 0 && mappings.length > 0) throw validation('You can specify subnets or subnet mappings, but not both');
  const all = subnets.length > 0 ? subnets : mappings.map((m) => m.SubnetId ?? '');
  if (new Set(all).size < 2) throw validation('At least two subnets in two different Availability Zones must be specified');
  return all;
}

export function loadBalancerHandlers(ctx: Elbv2Context): Record<string, Handler> {
  const { state } = ctx;
  const find = (arn: string) => {
    const lb = state.loadBalancers.get(checkArn('loadbalancer', arn));
    if (!lb || !visible(ctx, lb)) throw loadBalancerNotFound();
    return lb;
  };

  return {
    CreateLoadBalancer(input) {
      const name = String(input.Name);
      checkLoadBalancerName(name);
      const type = (input.Type as string | undefined) ?? 'application';
      if (type !== 'application') throw notEmulated(`Load balancer type '${type}'`);
      const scheme = (input.Scheme as string | undefined) ?? 'internet-facing';
      const ipAddressType = (input.IpAddressType as string | undefined) ?? 'ipv4';
      const subnets = subnetsOf(input);
      const securityGroups = strings(input.SecurityGroups);
      const network = loadBalancerNetwork(ctx, subnets, securityGroups);
      const existing = [...state.loadBalancers.values()].find((lb) => lb.name === name);
      if (existing) {
        const same =
          existing.scheme === scheme &&
          existing.ipAddressType === ipAddressType &&
          sameSet(existing.subnets, subnets) &&
          (securityGroups.length === 0 || sameSet(existing.securityGroups, securityGroups));
        if (!same)
          throw new AwsError(
            'DuplicateLoadBalancerName',
            `A load balancer with the same name '${name}' exists, but with different settings`,
          );
        return { LoadBalancers: [loadBalancerOutput(existing, ctx.scope.region)] };
      }
      if (state.loadBalancers.size >= MAX_LOAD_BALANCERS)
        throw new AwsError('TooManyLoadBalancers', `The quota for the number of load balancers ('${MAX_LOAD_BALANCERS}') has been reached`);
      const id = hexId(8);
      const arn = loadBalancerArn(ctx.scope, name, id);
      const lb: LoadBalancerRecord = {
        arn,
        name,
        id,
        scheme,
        ipAddressType,
        subnets,
        zones: network.zones,
        vpcId: network.vpcId,
        dnsName: dnsName(ctx.scope.region, name, decimalId(10), scheme),
        securityGroups: network.securityGroups,
        createdTime: Date.now(),
        state: 'provisioning',
        attributes: defaultLoadBalancerAttributes(),
        tags: initialTags(input.Tags, arn),
        stamp: ctx.env.consistency.stamp(),
      };
      state.loadBalancers.set(arn, lb);
      ctx.env.clock.after(PROVISIONING_MS, () => {
        const current = state.loadBalancers.get(arn);
        if (current) state.loadBalancers.set(arn, { ...current, state: 'active' });
      });
      return { LoadBalancers: [loadBalancerOutput(lb, ctx.scope.region)] };
    },

    DescribeLoadBalancers(input) {
      const arns = strings(input.LoadBalancerArns);
      const names = strings(input.Names);
      if (arns.length > 0 && names.length > 0)
        throw validation('Load balancer names and load balancer ARNs cannot be specified at the same time');
      let selected: LoadBalancerRecord[];
      if (arns.length > 0) selected = arns.map(find);
      else if (names.length > 0) {
        selected = names.map((n) => {
          const lb = [...state.loadBalancers.values()].find((l) => l.name === n && visible(ctx, l));
          if (!lb) throw new AwsError('LoadBalancerNotFound', `Load balancers '[${n}]' not found`);
          return lb;
        });
      } else selected = [...state.loadBalancers.values()].filter((lb) => visible(ctx, lb));
      const page = markerPage(selected, input, `lb:${arns.join()}:${names.join()}`);
      return {
        LoadBalancers: page.items.map((lb) => loadBalancerOutput(lb, ctx.scope.region)),
        ...(page.NextMarker ? { NextMarker: page.NextMarker } : {}),
      };
    },

    async DeleteLoadBalancer(input) {
      const arn = checkArn('loadbalancer', String(input.LoadBalancerArn));
      const lb = state.loadBalancers.get(arn);
      if (!lb) return {};
      if (lb.attributes['deletion_protection.enabled'] === 'true') {
        throw new AwsError('OperationNotPermitted', `Load balancer '${arn}' cannot be deleted because deletion protection is enabled`);
      }
      const listeners = listenersOf(state, arn);
      for (const l of listeners) {
        for (const r of [...state.rules.values()]) if (r.listenerArn === l.arn) state.rules.delete(r.arn);
        state.listeners.delete(l.arn);
      }
      state.loadBalancers.delete(arn);
      ctx.routingChanged();
      await Promise.all(listeners.map((l) => ctx.dataPlane.unbind(l.arn)));
      return {};
    },

    DescribeLoadBalancerAttributes(input) {
      return { Attributes: attributeList(find(String(input.LoadBalancerArn)).attributes) };
    },

    ModifyLoadBalancerAttributes(input) {
      const lb = find(String(input.LoadBalancerArn));
      const attributes = applyLoadBalancerAttributes(lb.attributes, input.Attributes as AttributeInput[]);
      state.loadBalancers.set(lb.arn, { ...lb, attributes });
      ctx.routingChanged();
      return { Attributes: attributeList(attributes) };
    },
  };
}
