// Loads the compact API models (botocore's, merged with the SDK v3 clients' schemas by npm run gen:models) the wire layer runs on.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export interface MemberRef {
  readonly shape: string;
  readonly location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';
  readonly locationName?: string;
  readonly flattened?: boolean;
  readonly xmlAttribute?: boolean;
  readonly xmlNamespace?: { uri: string };
  readonly queryName?: string;
  readonly idempotencyToken?: boolean;
  readonly sensitive?: boolean;
  readonly jsonvalue?: boolean;
  readonly timestampFormat?: string;
  readonly streaming?: boolean;
}

export interface Shape {
  readonly type:
    | 'structure'
    | 'list'
    | 'map'
    | 'string'
    | 'integer'
    | 'long'
    | 'boolean'
    | 'timestamp'
    | 'blob'
    | 'double'
    | 'float'
    | 'byte'
    | 'short'
    | 'bigInteger'
    | 'bigDecimal';
  readonly members?: Readonly<Record<string, MemberRef>>;
  readonly required?: readonly string[];
  readonly member?: MemberRef;
  readonly key?: MemberRef;
  readonly value?: MemberRef;
  readonly enum?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly timestampFormat?: string;
  readonly flattened?: boolean;
  readonly locationName?: string;
  readonly payload?: string;
  readonly streaming?: boolean;
  readonly exception?: boolean;
  readonly error?: { readonly code?: string; readonly httpStatusCode?: number; readonly senderFault?: boolean };
  readonly document?: boolean;
  readonly union?: boolean;
  readonly xmlNamespace?: { uri: string };
}

export interface Operation {
  readonly http?: { readonly method: string; readonly requestUri: string; readonly responseCode?: number };
  readonly input?: string;
  readonly output?: string;
  readonly resultWrapper?: string;
  readonly errors?: readonly string[];
}

export interface ServiceModel {
  readonly botocoreVersion: string;
  /** The SDK v3 client whose schemas were merged in (operations, structures, members and enum values botocore lacks). */
  readonly sdkClient?: { readonly name: string; readonly version: string };
  readonly metadata: {
    readonly apiVersion: string;
    readonly protocol: string;
    readonly protocols?: readonly string[];
    readonly jsonVersion?: string;
    readonly targetPrefix?: string;
    readonly signingName?: string;
    readonly endpointPrefix: string;
    readonly serviceId: string;
    readonly xmlNamespace?: string;
    readonly awsQueryCompatible?: object;
  };
  readonly operations: Readonly<Record<string, Operation>>;
  readonly shapes: Readonly<Record<string, Shape>>;
}

const here = dirname(fileURLToPath(import.meta.url));
const cache = new Map<string, ServiceModel>();

/** Generated models live beside the sources; the build copies them next to the compiled code. */
export function loadModel(name: string): ServiceModel {
  const hit = cache.get(name);
  if (hit) return hit;
  const model = JSON.parse(readFileSync(join(here, 'generated', `${name}.json`), 'utf8')) as ServiceModel;
  cache.set(name, model);
  return model;
}

export function shapeOf(model: ServiceModel, name: string): Shape {
  const shape = model.shapes[name];
  if (!shape) throw new Error(`model ${model.metadata.serviceId} has no shape ${name}`);
  return shape;
}
