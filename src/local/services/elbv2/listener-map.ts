// The sandbox-only listener map (GET /_cortado/elbv2/listeners): which local port serves each listener.
import type { DataPlane } from '../../dataplane/dataplane.js';
import type { Elbv2State } from './elbv2-state.js';

export interface ListenerMapEntry {
  readonly listenerArn: string;
  readonly loadBalancerArn: string;
  readonly loadBalancerName: string;
  readonly dnsName: string;
  readonly protocol: string;
  /** The listener's port in AWS terms. */
  readonly port: number;
  /** Where it listens on this host: the same port when it was free and allowed, otherwise a mapped one. */
  readonly localPort: number;
  readonly binding: 'own' | 'mapped';
  readonly url: string;
}

export function listenerMap(state: Elbv2State, dataPlane: DataPlane): ListenerMapEntry[] {
  const out: ListenerMapEntry[] = [];
  for (const l of state.listeners.values()) {
    const bound = dataPlane.bound(l.arn);
    const lb = state.loadBalancers.get(l.loadBalancerArn);
    if (!bound || !lb) continue;
    out.push({
      listenerArn: l.arn,
      loadBalancerArn: lb.arn,
      loadBalancerName: lb.name,
      dnsName: lb.dnsName,
      protocol: l.protocol,
      port: l.port,
      localPort: bound.binding.port,
      binding: bound.binding.kind,
      url: bound.url,
    });
  }
  return out;
}
