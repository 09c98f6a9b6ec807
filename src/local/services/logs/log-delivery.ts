// Log delivery (vended logs): delivery sources, delivery destinations and the deliveries pairing them, with their
// conflicts; stored and described, nothing is delivered.
import { randomBytes } from 'node:crypto';
import { AwsError } from '../../aws-error.js';
import type { SandboxEnv } from '../../env.js';
import { arn } from '../../ids.js';
import { paginate } from '../../paginate.js';
import type { Handler } from '../../service.js';

type Tags = Readonly<Record<string, string>>;

export interface DeliverySource {
  readonly name: string;
  readonly arn: string;
  readonly resourceArns: readonly string[];
  readonly service: string;
  readonly logType: string;
  readonly tags: Tags;
}

export interface DeliveryDestination {
  readonly name: string;
  readonly arn: string;
  readonly deliveryDestinationType: string;
  readonly outputFormat?: string;
  readonly deliveryDestinationConfiguration?: { readonly destinationResourceArn: string };
  readonly tags: Tags;
  policy?: string;
}

export interface Delivery {
  readonly id: string;
  readonly arn: string;
  readonly deliverySourceName: string;
  readonly deliveryDestinationArn: string;
  readonly deliveryDestinationType: string;
  readonly recordFields?: readonly string[];
  readonly fieldDelimiter?: string;
  readonly s3DeliveryConfiguration?: Readonly<Record<string, unknown>>;
  readonly tags: Tags;
}

export interface DeliveryStore {
  readonly sources: Map<string, DeliverySource>;
  readonly destinations: Map<string, DeliveryDestination>;
  readonly deliveries: Map<string, Delivery>;
}

export const createDeliveryStore = (): DeliveryStore => ({ sources: new Map(), destinations: new Map(), deliveries: new Map() });

const notFound = (message: string) => new AwsError('ResourceNotFoundException', message);
const conflict = (message: string) => new AwsError('ConflictException', message);
const validation = (message: string) => new AwsError('ValidationException', message);

/** The destination type its resource's ARN implies: a log group, an S3 bucket or a Firehose stream. */
function destinationType(resourceArn: string): string {
  const service = /^arn:[^:]+:([^:]+):/.exec(resourceArn)?.[1];
  if (service === 'logs') return 'CWL';
  if (service === 's3') return 'S3';
  if (service === 'firehose') return 'FH';
  throw validation(
    `The destination resource ARN ${resourceArn} is not a CloudWatch Logs log group, an S3 bucket or a Firehose delivery stream.`,
  );
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const badToken = () => validation('The specified nextToken is invalid.');
const page = <T>(items: readonly T[], input: Record<string, unknown>, fingerprint: string) =>
  paginate(items, { nextToken: input.nextToken, maxResults: input.limit }, { defaultSize: 50, maxSize: 50, badToken }, fingerprint);

export function deliveryHandlers(env: SandboxEnv, store: DeliveryStore): Record<string, Handler> {
  const source = (name: string) => {
    const s = store.sources.get(name);
    if (!s) throw notFound(`Delivery source ${name} does not exist.`);
    return s;
  };
  const destination = (name: string) => {
    const d = store.destinations.get(name);
    if (!d) throw notFound(`Delivery destination ${name} does not exist.`);
    return d;
  };
  const inUse = (pred: (d: Delivery) => boolean) => [...store.deliveries.values()].some(pred);
  return {
    PutDeliverySource: (input) => {
      const name = String(input.name);
      const resourceArn = String(input.resourceArn);
      const service = /^arn:[^:]+:([^:]+):/.exec(resourceArn)?.[1];
      if (!service) throw validation(`Invalid resource ARN: ${resourceArn}`);
      const logType = String(input.logType);
      const existing = store.sources.get(name);
      if (existing && (existing.resourceArns[0] !== resourceArn || existing.logType !== logType))
        throw conflict(
          `Delivery source ${name} already exists for another resource or log type; its resourceArn and logType cannot change.`,
        );
      const created: DeliverySource = {
        name,
        arn: arn('logs', env.region, env.accountId, `delivery-source:${name}`),
        resourceArns: [resourceArn],
        service,
        logType,
        tags: existing?.tags ?? (input.tags as Tags | undefined) ?? {},
      };
      store.sources.set(name, created);
      return { deliverySource: created };
    },
    GetDeliverySource: (input) => ({ deliverySource: source(String(input.name)) }),
    DescribeDeliverySources: (input) => {
      const arns = input.resourceArns as string[] | undefined;
      const all = [...store.sources.values()].filter((s) => !arns || s.resourceArns.some((a) => arns.includes(a))).sort(byName);
      const p = page(all, input, JSON.stringify(arns ?? null));
      return { deliverySources: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
    },
    DeleteDeliverySource: (input) => {
      const s = source(String(input.name));
      if (inUse((d) => d.deliverySourceName === s.name))
        throw conflict(`Delivery source ${s.name} is used by a delivery; delete the delivery first.`);
      store.sources.delete(s.name);
      return {};
    },
    PutDeliveryDestination: (input) => {
      const name = String(input.name);
      const config = input.deliveryDestinationConfiguration as { destinationResourceArn: string } | undefined;
      const declared = input.deliveryDestinationType as string | undefined;
      if (!config && declared !== 'XRAY')
        throw validation('deliveryDestinationConfiguration is required unless deliveryDestinationType is XRAY.');
      const type = config ? destinationType(config.destinationResourceArn) : 'XRAY';
      if (declared !== undefined && declared !== type)
        throw validation(`deliveryDestinationType ${declared} does not match the destination resource (${type}).`);
      const existing = store.destinations.get(name);
      if (existing && existing.deliveryDestinationConfiguration?.destinationResourceArn !== config?.destinationResourceArn)
        throw conflict(`Delivery destination ${name} already exists with another destination resource.`);
      const created: DeliveryDestination = {
        name,
        arn: arn('logs', env.region, env.accountId, `delivery-destination:${name}`),
        deliveryDestinationType: type,
        ...(input.outputFormat !== undefined ? { outputFormat: String(input.outputFormat) } : {}),
        ...(config ? { deliveryDestinationConfiguration: { destinationResourceArn: config.destinationResourceArn } } : {}),
        tags: existing?.tags ?? (input.tags as Tags | undefined) ?? {},
        ...(existing?.policy !== undefined ? { policy: existing.policy } : {}),
      };
      store.destinations.set(name, created);
      const { policy: _policy, ...shown } = created;
      return { deliveryDestination: shown };
    },
    GetDeliveryDestination: (input) => {
      const { policy: _policy, ...shown } = destination(String(input.name));
      return { deliveryDestination: shown };
    },
    DescribeDeliveryDestinations: (input) => {
      const names = input.names as string[] | undefined;
      const all = [...store.destinations.values()]
        .filter((d) => !names || names.includes(d.name))
        .sort(byName)
        .map(({ policy: _policy, ...shown }) => shown);
      const p = page(all, input, JSON.stringify(names ?? null));
      return { deliveryDestinations: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
    },
    DeleteDeliveryDestination: (input) => {
      const d = destination(String(input.name));
      if (inUse((x) => x.deliveryDestinationArn === d.arn))
        throw conflict(`Delivery destination ${d.name} is used by a delivery; delete the delivery first.`);
      store.destinations.delete(d.name);
      return {};
    },
    PutDeliveryDestinationPolicy: (input) => {
      const d = destination(String(input.deliveryDestinationName));
      const policy = String(input.deliveryDestinationPolicy);
      try {
        JSON.parse(policy);
      } catch {
        throw validation('The delivery destination policy is not valid JSON.');
      }
      d.policy = policy;
      return { policy: { deliveryDestinationPolicy: policy } };
    },
    GetDeliveryDestinationPolicy: (input) => {
      const d = destination(String(input.deliveryDestinationName));
      return { policy: d.policy !== undefined ? { deliveryDestinationPolicy: d.policy } : {} };
    },
    DeleteDeliveryDestinationPolicy: (input) => {
      const d = destination(String(input.deliveryDestinationName));
      if (d.policy === undefined) throw notFound(`Delivery destination ${d.name} has no policy.`);
      delete d.policy;
      return {};
    },
    CreateDelivery: (input) => {
      const s = source(String(input.deliverySourceName));
      const destinationArn = String(input.deliveryDestinationArn);
      const d = [...store.destinations.values()].find((x) => x.arn === destinationArn);
      if (!d) throw notFound(`Delivery destination ${destinationArn} does not exist.`);
      if (inUse((x) => x.deliverySourceName === s.name && x.deliveryDestinationArn === d.arn))
        throw conflict(`A delivery from ${s.name} to ${d.name} already exists.`);
      if (input.s3DeliveryConfiguration !== undefined && d.deliveryDestinationType !== 'S3')
        throw validation('s3DeliveryConfiguration can only be used with an S3 delivery destination.');
      const id = randomBytes(8).toString('hex').toUpperCase();
      const delivery: Delivery = {
        id,
        arn: arn('logs', env.region, env.accountId, `delivery:${id}`),
        deliverySourceName: s.name,
        deliveryDestinationArn: d.arn,
        deliveryDestinationType: d.deliveryDestinationType,
        ...(input.recordFields !== undefined ? { recordFields: input.recordFields as string[] } : {}),
        ...(input.fieldDelimiter !== undefined ? { fieldDelimiter: String(input.fieldDelimiter) } : {}),
        ...(input.s3DeliveryConfiguration !== undefined
          ? { s3DeliveryConfiguration: input.s3DeliveryConfiguration as Record<string, unknown> }
          : {}),
        tags: (input.tags as Tags | undefined) ?? {},
      };
      store.deliveries.set(id, delivery);
      return { delivery };
    },
    GetDelivery: (input) => {
      const d = store.deliveries.get(String(input.id));
      if (!d) throw notFound(`Delivery ${String(input.id)} does not exist.`);
      return { delivery: d };
    },
    DescribeDeliveries: (input) => {
      const sources = input.deliverySourceNames as string[] | undefined;
      const all = [...store.deliveries.values()]
        .filter((d) => !sources || sources.includes(d.deliverySourceName))
        .sort((a, b) => (a.id < b.id ? -1 : 1));
      const p = page(all, input, JSON.stringify(sources ?? null));
      return { deliveries: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
    },
    DeleteDelivery: (input) => {
      const id = String(input.id);
      if (!store.deliveries.delete(id)) throw notFound(`Delivery ${id} does not exist.`);
      return {};
    },
  };
}
