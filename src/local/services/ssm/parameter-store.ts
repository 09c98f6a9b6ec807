// Parameter Store state: parameters with their version history, labels and tags, and the views the API returns.
import { createHash } from 'node:crypto';
import { AwsError } from '../../aws-error.js';
import { parameterArn, parameterKey, type Selector } from './parameter-names.js';

export interface ParameterVersion {
  readonly version: number;
  readonly value: string;
  readonly type: string;
  readonly keyId?: string;
  readonly description?: string;
  readonly allowedPattern?: string;
  readonly dataType: string;
  readonly tier: string;
  readonly policies?: string;
  readonly lastModified: number;
  readonly lastModifiedUser: string;
  /** What a SecureString value looks like without decryption: a KMS-style ciphertext blob. */
  readonly ciphertext?: string;
  labels: string[];
}

export interface ParameterState {
  readonly name: string;
  readonly versions: ParameterVersion[];
  tags: Record<string, string>;
  stamp: number;
}

export interface ParameterStore {
  readonly parameters: Map<string, ParameterState>;
}

export const createParameterStore = (): ParameterStore => ({ parameters: new Map() });

export const latest = (p: ParameterState): ParameterVersion => p.versions[p.versions.length - 1]!;

/** A stand-in for KMS ciphertext: base64 with the AQICAH... shape real SecureString reads without decryption show. */
export function fakeCiphertext(keyId: string, name: string, version: number, value: string): string {
  const header = Buffer.from([0x01, 0x02, 0x02, 0x00, 0x78]);
  const key = createHash('sha256').update(keyId).digest();
  const body = createHash('sha512').update(`${name}\u0000${version}\u0000${value}`).digest();
  const pad = Buffer.alloc(Math.max(16, Buffer.byteLength(value)), 0x5a);
  for (let i = 0; i < pad.length; i++) pad[i] = pad[i]! ^ body[i % body.length]!;
  return Buffer.concat([header, key, body, pad]).toString('base64');
}

export const parameterNotFound = (): AwsError => new AwsError('ParameterNotFound', '');

/** Finds the parameter a selector names (undefined when there is none, or it is not visible yet). */
export function findParameter(store: ParameterStore, sel: Selector, visible: (stamp: number) => boolean): ParameterState | undefined {
  const p = store.parameters.get(parameterKey(sel.name));
  return p && visible(p.stamp) ? p : undefined;
}

/** The parameter a plain name (no selector) names, with or without a root-level name's leading slash. */
export const parameterNamed = (store: ParameterStore, name: string): ParameterState | undefined => store.parameters.get(parameterKey(name));

/** The version a selector picks; throws AWS's errors for an unknown version or label. */
export function selectVersion(p: ParameterState, sel: Selector): ParameterVersion {
  if (sel.kind === 'latest') return latest(p);
  if (sel.kind === 'version') {
    const v = p.versions.find((x) => x.version === sel.version);
    if (!v)
      throw new AwsError(
        'ParameterVersionNotFound',
        `Systems Manager could not find version ${sel.version} of ${p.name}. Verify the version and try again.`,
      );
    return v;
  }
  const v = p.versions.find((x) => x.labels.includes(sel.label));
  if (!v)
    throw new AwsError(
      'ParameterVersionNotFound',
      `Systems Manager could not find label ${sel.label} of ${p.name}. Verify the label and try again.`,
    );
  return v;
}

export interface ViewContext {
  readonly region: string;
  readonly accountId: string;
  readonly withDecryption: boolean;
}

const shownValue = (v: ParameterVersion, withDecryption: boolean): string =>
  v.type === 'SecureString' && !withDecryption ? (v.ciphertext ?? v.value) : v.value;

/** The `Parameter` shape of GetParameter(s)/GetParametersByPath; `asNamed` is the name the caller used, which AWS echoes. */
export function parameterView(p: ParameterState, v: ParameterVersion, ctx: ViewContext, selector?: string, asNamed?: string) {
  return {
    Name: asNamed ?? p.name,
    Type: v.type,
    Value: shownValue(v, ctx.withDecryption),
    Version: v.version,
    ...(selector ? { Selector: selector } : {}),
    LastModifiedDate: new Date(v.lastModified),
    ARN: parameterArn(ctx.region, ctx.accountId, p.name),
    DataType: v.dataType,
  };
}

/** The `ParameterMetadata` shape of DescribeParameters. */
export function metadataView(p: ParameterState, ctx: Omit<ViewContext, 'withDecryption'>) {
  const v = latest(p);
  return {
    Name: p.name,
    ARN: parameterArn(ctx.region, ctx.accountId, p.name),
    Type: v.type,
    ...(v.keyId ? { KeyId: v.keyId } : {}),
    LastModifiedDate: new Date(v.lastModified),
    LastModifiedUser: v.lastModifiedUser,
    ...(v.description !== undefined ? { Description: v.description } : {}),
    ...(v.allowedPattern !== undefined ? { AllowedPattern: v.allowedPattern } : {}),
    Version: v.version,
    Tier: v.tier,
    Policies: [],
    DataType: v.dataType,
  };
}

/** The `ParameterHistory` shape of GetParameterHistory. */
export function historyView(p: ParameterState, v: ParameterVersion, withDecryption: boolean) {
  return {
    Name: p.name,
    Type: v.type,
    ...(v.keyId ? { KeyId: v.keyId } : {}),
    LastModifiedDate: new Date(v.lastModified),
    LastModifiedUser: v.lastModifiedUser,
    ...(v.description !== undefined ? { Description: v.description } : {}),
    Value: shownValue(v, withDecryption),
    ...(v.allowedPattern !== undefined ? { AllowedPattern: v.allowedPattern } : {}),
    Version: v.version,
    Labels: [...v.labels],
    Tier: v.tier,
    Policies: [],
    DataType: v.dataType,
  };
}

export interface ParameterStoreSnapshot {
  readonly parameters: ReadonlyArray<{
    readonly name: string;
    readonly tags: Record<string, string>;
    readonly versions: readonly ParameterVersion[];
  }>;
}

export const snapshotParameters = (store: ParameterStore): ParameterStoreSnapshot => ({
  parameters: [...store.parameters.values()].map((p) => ({ name: p.name, tags: p.tags, versions: p.versions })),
});

export function restoreParameters(store: ParameterStore, snap: ParameterStoreSnapshot): void {
  store.parameters.clear();
  for (const p of snap.parameters) {
    store.parameters.set(parameterKey(p.name), {
      name: p.name,
      tags: { ...p.tags },
      versions: p.versions.map((v) => ({ ...v, labels: [...v.labels] })),
      stamp: 0,
    });
  }
}
