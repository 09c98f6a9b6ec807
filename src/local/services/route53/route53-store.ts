// Route 53 state: hosted zones with their record sets, and submitted changes (PENDING until their propagation time).
import { randomInt } from 'node:crypto';
import { upperId } from '../../ids.js';
import type { RecordSet } from './record-set.js';

export interface Vpc {
  readonly VPCId: string;
  readonly VPCRegion: string;
}

export interface ZoneState {
  readonly id: string;
  readonly name: string;
  readonly callerReference: string;
  readonly comment?: string;
  readonly privateZone: boolean;
  readonly vpcs: readonly Vpc[];
  readonly nameServers: readonly string[];
  records: readonly RecordSet[];
  readonly stamp: number;
  /** The reusable delegation set whose name servers the zone uses, if it was created with one. */
  readonly delegationSetId?: string;
}

/** A health check as GetHealthCheck returns it (config with Route 53's defaults filled in). */
export interface HealthCheckState {
  readonly id: string;
  readonly callerReference: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly version: number;
}

export interface DelegationSetState {
  readonly id: string;
  readonly callerReference: string;
  readonly nameServers: readonly string[];
}

export interface ChangeState {
  readonly id: string;
  readonly submittedAt: number;
  /** When GetChange starts answering INSYNC (ms). */
  readonly insyncAt: number;
  readonly comment?: string;
}

export interface Route53Store {
  /** In creation order, which is ListHostedZones' order. */
  readonly zones: Map<string, ZoneState>;
  readonly changes: Map<string, ChangeState>;
  /** In creation order, which is ListHealthChecks' order. */
  readonly healthChecks: Map<string, HealthCheckState>;
  /** Every CallerReference a CreateHealthCheck used, deleted checks' included (AWS refuses to reuse them). */
  readonly healthCheckReferences: Map<string, string>;
  readonly delegationSets: Map<string, DelegationSetState>;
}

export const createRoute53Store = (): Route53Store => ({
  zones: new Map(),
  changes: new Map(),
  healthChecks: new Map(),
  healthCheckReferences: new Map(),
  delegationSets: new Map(),
});

export const newZoneId = (): string => upperId('Z', 21);
export const newChangeId = (): string => upperId('C', 21);
export const newDelegationSetId = (): string => upperId('N', 21);

/** Four name servers in four TLDs, shaped like Route 53's (ns-1234.awsdns-12.org). */
export function publicNameServers(): string[] {
  const ns = (tld: string, low: number) => `ns-${low + randomInt(512)}.awsdns-${String(randomInt(64)).padStart(2, '0')}.${tld}`;
  return [ns('com', 0), ns('net', 512), ns('org', 1024), ns('co.uk', 1536)];
}

/** Private zones answer with Route 53's fixed private name servers. */
export const PRIVATE_NAME_SERVERS: readonly string[] = [
  'ns-0.awsdns-00.com',
  'ns-512.awsdns-00.net',
  'ns-1024.awsdns-00.org',
  'ns-1536.awsdns-00.co.uk',
];

/** The SOA and NS record sets every new zone starts with [API: CreateHostedZone]. */
export function defaultRecords(zoneName: string, nameServers: readonly string[]): RecordSet[] {
  return [
    { Name: zoneName, Type: 'NS', TTL: 172800, ResourceRecords: nameServers.map((n) => ({ Value: `${n}.` })) },
    {
      Name: zoneName,
      Type: 'SOA',
      TTL: 900,
      ResourceRecords: [{ Value: `${nameServers[0]}. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400` }],
    },
  ];
}

export interface Route53Snapshot {
  readonly zones: readonly ZoneState[];
  readonly changes: readonly ChangeState[];
  readonly healthChecks: readonly HealthCheckState[];
  readonly healthCheckReferences: ReadonlyArray<readonly [string, string]>;
  readonly delegationSets: readonly DelegationSetState[];
}

export const snapshotRoute53 = (s: Route53Store): Route53Snapshot => ({
  zones: [...s.zones.values()],
  changes: [...s.changes.values()],
  healthChecks: [...s.healthChecks.values()],
  healthCheckReferences: [...s.healthCheckReferences],
  delegationSets: [...s.delegationSets.values()],
});

export function restoreRoute53(s: Route53Store, snap: Partial<Route53Snapshot> | undefined): void {
  s.zones.clear();
  s.changes.clear();
  s.healthChecks.clear();
  s.healthCheckReferences.clear();
  s.delegationSets.clear();
  for (const z of snap?.zones ?? []) s.zones.set(z.id, { ...z, stamp: 0 });
  for (const c of snap?.changes ?? []) s.changes.set(c.id, c);
  for (const h of snap?.healthChecks ?? []) s.healthChecks.set(h.id, h);
  for (const [ref, id] of snap?.healthCheckReferences ?? []) s.healthCheckReferences.set(ref, id);
  for (const d of snap?.delegationSets ?? []) s.delegationSets.set(d.id, d);
}
