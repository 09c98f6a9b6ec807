#!/usr/bin/env node
// Merges what the installed AWS SDK v3 clients know into the botocore-derived sandbox models.
//
// Why: botocore's models (scripts/gen-models.py) lag the SDK v3 clients cortado and its users run; a member the SDK
// sends but the model lacks is silently dropped by the sandbox. This script reads each client's static schemas
// (exported `Name$` arrays: [3, ns, name, traits, memberNames, memberSchemas, requiredCount] structures, [-3, ...]
// errors, [4, ...] unions, [9, ns, name, traits, input, output] operations; lists [1, ns, name, traits, member] and
// maps [2, ns, name, traits, key, value] reached through them) and adds every operation, structure and member the
// model lacks. botocore stays authoritative where it has a shape: its members, constraints and names are kept. New
// string members typed by an SDK enum get that enum's values, and botocore's enums gain the values the SDK knows.
// The SDK's schema does not tell integers from floating numbers, so a new number member accepts both.
// Output is deterministic (sorted keys, Python's JSON escaping); it runs on freshly generated botocore models:
//
//     python3 scripts/gen-models.py && node scripts/gen-models-sdk.mjs      (npm run gen:models)
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const outDir = join(root, 'src', 'local', 'model', 'generated');

/** Sandbox model name → SDK v3 client package (services without an installed client keep botocore's model). */
export const CLIENTS = {
  ecs: '@aws-sdk/client-ecs',
  logs: '@aws-sdk/client-cloudwatch-logs',
  ssm: '@aws-sdk/client-ssm',
  secretsmanager: '@aws-sdk/client-secrets-manager',
  sts: '@aws-sdk/client-sts',
  s3: '@aws-sdk/client-s3',
  'application-autoscaling': '@aws-sdk/client-application-auto-scaling',
  elbv2: '@aws-sdk/client-elastic-load-balancing-v2',
  cloudwatch: '@aws-sdk/client-cloudwatch',
  route53: '@aws-sdk/client-route-53',
  events: '@aws-sdk/client-eventbridge',
  ecr: '@aws-sdk/client-ecr',
  iam: '@aws-sdk/client-iam',
  scheduler: '@aws-sdk/client-scheduler',
  codedeploy: '@aws-sdk/client-codedeploy',
  servicediscovery: '@aws-sdk/client-servicediscovery',
  ec2: '@aws-sdk/client-ec2',
};

/** SDK-side customizations that are not on the wire (the S3 client reads `Expires` into ExpiresString itself). */
const CLIENT_ONLY = new Set(['GetObjectOutput.ExpiresString', 'HeadObjectOutput.ExpiresString']);

// Simple type numbers (@smithy/core schema sentinels).
const LIST_MODIFIER = 64;
const MAP_MODIFIER = 128;
const SIMPLE = {
  0: { type: 'string' },
  1: { type: 'double' },
  2: { type: 'boolean' },
  4: { type: 'timestamp' },
  5: { type: 'timestamp', timestampFormat: 'iso8601' },
  6: { type: 'timestamp', timestampFormat: 'rfc822' },
  7: { type: 'timestamp', timestampFormat: 'unixTimestamp' },
  15: { type: 'structure', document: true },
  17: { type: 'bigInteger' },
  19: { type: 'bigDecimal' },
  21: { type: 'blob' },
  42: { type: 'blob', streaming: true },
};
const SIMPLE_NAME = {
  0: '__string',
  1: '__double',
  2: '__boolean',
  4: '__timestamp',
  5: '__timestampIso8601',
  6: '__timestampRfc822',
  7: '__timestampUnix',
  15: '__document',
  17: '__bigInteger',
  19: '__bigDecimal',
  21: '__blob',
  42: '__blobStream',
};
const TRAIT_BITS = ['httpLabel', 'idempotent', 'idempotencyToken', 'sensitive', 'httpPayload', 'httpResponseCode', 'httpQueryParams'];

function traitsOf(indicator) {
  if (indicator && typeof indicator === 'object') return indicator;
  const out = {};
  TRAIT_BITS.forEach((t, i) => {
    if (((indicator | 0) >> i) & 1) out[t] = 1;
  });
  return out;
}

const deref = (s) => (typeof s === 'function' ? s() : s);

/** A member schema is either a bare schema or [schema, traits]. */
function splitMember(m) {
  if (Array.isArray(m) && m.length === 2 && (typeof m[0] === 'function' || typeof m[0] === 'number')) return [deref(m[0]), traitsOf(m[1])];
  return [deref(m), {}];
}

/** The botocore member-ref fields a Smithy member's traits stand for (wire names and locations). */
function refTraits(memberName, traits) {
  const ref = {};
  if (traits.httpLabel) Object.assign(ref, { location: 'uri', locationName: memberName });
  if (typeof traits.httpQuery === 'string') Object.assign(ref, { location: 'querystring', locationName: traits.httpQuery });
  if (typeof traits.httpHeader === 'string') Object.assign(ref, { location: 'header', locationName: traits.httpHeader });
  if (typeof traits.httpPrefixHeaders === 'string') Object.assign(ref, { location: 'headers', locationName: traits.httpPrefixHeaders });
  if (traits.httpResponseCode) ref.location = 'statusCode';
  if (typeof traits.xmlName === 'string') ref.locationName = traits.xmlName;
  if (typeof traits.jsonName === 'string') ref.locationName = traits.jsonName;
  if (typeof traits.ec2QueryName === 'string') ref.queryName = traits.ec2QueryName;
  if (traits.xmlFlattened) ref.flattened = true;
  if (traits.xmlAttribute) ref.xmlAttribute = true;
  if (traits.xmlNamespace) ref.xmlNamespace = { uri: Array.isArray(traits.xmlNamespace) ? traits.xmlNamespace[1] : traits.xmlNamespace };
  if (traits.idempotencyToken) ref.idempotencyToken = true;
  if (traits.sensitive) ref.sensitive = true;
  return ref;
}

/** Member → enum type name, read from the client's type declarations (`name?: ThresholdType | undefined;`). */
function memberEnumTypes(pkgDir, enums) {
  const out = new Map();
  const dir = join(pkgDir, 'dist-types', 'models');
  if (!existsSync(dir)) return out;
  for (const file of readdirSync(dir)
    .filter((f) => /^models_\d+\.d\.ts$/.test(f))
    .sort()) {
    let current;
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      const head = /^(?:export )?(?:declare )?interface (\w+)/.exec(line.trim());
      if (head) current = head[1];
      const m = /^ {4}(\w+)\??: (.+?)(?: \| undefined)?;$/.exec(line);
      if (!current || !m) continue;
      const t = m[2];
      const list = /^\(?(\w+)\)?\[\]$/.exec(t);
      const map = /^Record<(\w+), (\w+)>$/.exec(t);
      const hint = enums.has(t)
        ? { self: t }
        : list && enums.has(list[1])
          ? { member: list[1] }
          : map
            ? { key: enums.has(map[1]) ? map[1] : undefined, value: enums.has(map[2]) ? map[2] : undefined }
            : undefined;
      if (hint) out.set(`${current}.${m[1]}`, hint);
    }
  }
  return out;
}

function clientEnums(mod) {
  const enums = new Map();
  for (const [name, v] of Object.entries(mod)) {
    if (!v || typeof v !== 'object' || Array.isArray(v) || name.endsWith('$')) continue;
    const values = Object.values(v);
    if (values.length > 0 && values.every((x) => typeof x === 'string')) enums.set(name, values);
  }
  return enums;
}

function mergeModel(model, mod, pkgDir) {
  const enums = clientEnums(mod);
  const hints = memberEnumTypes(pkgDir, enums);
  const added = { operations: 0, structures: 0, members: 0, enumValues: 0 };
  const created = new Set();
  const shapes = model.shapes;
  const visited = new Set();

  const addEnumValues = (shapeName, enumName) => {
    const shape = shapes[shapeName];
    const values = enums.get(enumName);
    if (!shape || shape.type !== 'string' || !shape.enum || !values) return;
    const extra = values.filter((v) => !shape.enum.includes(v));
    if (extra.length === 0) return;
    shape.enum = [...shape.enum, ...extra];
    added.enumValues += extra.length;
  };

  /** A free shape name: `name` if unused or already equal to `shape`, else name__sdk, name__sdk2, ... */
  const claim = (name, shape) => {
    for (let i = 1; ; i++) {
      const n = i === 1 ? name : i === 2 ? `${name}__sdk` : `${name}__sdk${i - 1}`;
      if (!shapes[n]) {
        shapes[n] = shape;
        created.add(n);
        if (shape.type === 'structure' && !shape.document) added.structures++;
        return n;
      }
      if (JSON.stringify(shapes[n]) === JSON.stringify(shape)) return n;
    }
  };

  /** The model shape name for an SDK schema, creating what the model lacks. */
  const shapeFor = (schema, hint) => {
    if (typeof schema === 'number') {
      if (schema & LIST_MODIFIER) {
        const member = shapeFor(schema & ~LIST_MODIFIER, hint?.member ? { self: hint.member } : undefined);
        return claim(`__listOf${member}`, { member: { shape: member }, type: 'list' });
      }
      if (schema & MAP_MODIFIER) {
        const key = shapeFor(0, hint?.key ? { self: hint.key } : undefined);
        const value = shapeFor(schema & ~MAP_MODIFIER, hint?.value ? { self: hint.value } : undefined);
        return claim(`__mapOf${key}To${value}`, { key: { shape: key }, type: 'map', value: { shape: value } });
      }
      if (schema === 0 && hint?.self && enums.has(hint.self)) {
        const existing = shapes[hint.self];
        if (existing?.type === 'string') {
          addEnumValues(hint.self, hint.self);
          return hint.self;
        }
        return claim(hint.self, { enum: [...enums.get(hint.self)], type: 'string' });
      }
      const simple = SIMPLE[schema];
      if (!simple) throw new Error(`unknown simple schema ${schema}`);
      return claim(SIMPLE_NAME[schema], { ...simple });
    }
    const [kind, , name] = schema;
    if (kind === 0) return shapeFor(schema[4], hint);
    const existing = shapes[name];
    const want = kind === 1 ? 'list' : kind === 2 ? 'map' : 'structure';
    if (existing && existing.type === want) {
      merge(schema, name);
      return name;
    }
    const fresh = kind === 1 ? { type: 'list' } : kind === 2 ? { type: 'map' } : { members: {}, type: 'structure' };
    if (kind === 4) fresh.union = true;
    if (kind === -3) {
      fresh.exception = true;
      const t = traitsOf(schema[3]);
      const code = Array.isArray(t.awsQueryError) ? t.awsQueryError[0] : undefined;
      const status = Array.isArray(t.awsQueryError) ? t.awsQueryError[1] : t.httpError;
      fresh.error = { ...(code ? { code } : {}), ...(status ? { httpStatusCode: status } : {}), senderFault: t.error === 'client' };
    }
    const n = claim(name, fresh);
    merge(schema, n);
    return n;
  };

  const memberRef = (schema, traits, memberName, hint) => ({ ...refTraits(memberName, traits), shape: shapeFor(schema, hint) });

  /** Adds what `schema` has and model shape `name` lacks, then walks the members both have. */
  function merge(schema, name) {
    if (typeof schema !== 'object') return;
    const key = `${schema[2]}>${name}`;
    if (visited.has(key)) return;
    visited.add(key);
    const [kind, , sdkName] = schema;
    const shape = shapes[name];
    if (kind === 1 && shape.type === 'list') {
      const [member, mt] = splitMember(schema[4]);
      if (!shape.member) shape.member = memberRef(member, mt, 'member');
      else merge(member, shape.member.shape);
    } else if (kind === 2 && shape.type === 'map') {
      const [value, vt] = splitMember(schema[5]);
      if (!shape.value) {
        shape.key = memberRef(splitMember(schema[4])[0], splitMember(schema[4])[1], 'key');
        shape.value = memberRef(value, vt, 'value');
      } else merge(value, shape.value.shape);
    } else if ((kind === 3 || kind === -3 || kind === 4) && shape.type === 'structure' && !shape.document) {
      const names = schema[4];
      const required = kind === 4 ? 0 : (schema[6] ?? 0);
      shape.members ??= {};
      names.forEach((memberName, i) => {
        const [member, mt] = splitMember(schema[5][i]);
        const hint = hints.get(`${sdkName}.${memberName}`);
        const have = shape.members[memberName];
        if (CLIENT_ONLY.has(`${sdkName}.${memberName}`)) return;
        if (have) {
          merge(member, have.shape);
          if (hint?.self) addEnumValues(have.shape, hint.self);
          if (hint?.member && shapes[have.shape]?.member) addEnumValues(shapes[have.shape].member.shape, hint.member);
          return;
        }
        shape.members[memberName] = memberRef(member, mt, memberName, hint);
        if (mt.httpPayload && !shape.payload) shape.payload = memberName;
        if (!created.has(name)) added.members++;
        if (i < required) shape.required = [...(shape.required ?? []), memberName];
      });
    }
  }

  for (const [exportName, schema] of Object.entries(mod).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!exportName.endsWith('$') || !Array.isArray(schema) || schema[0] !== 9) continue;
    const opName = schema[2];
    const input = deref(schema[4]);
    const output = deref(schema[5]);
    const op = model.operations[opName];
    if (op) {
      if (op.input && Array.isArray(input)) merge(input, op.input);
      if (op.output && Array.isArray(output)) merge(output, op.output);
      continue;
    }
    const t = traitsOf(schema[3]);
    const http = Array.isArray(t.http)
      ? {
          method: t.http[0],
          requestUri: t.http[1].replace(/[?&]x-id=[^&]*$/, ''),
          ...(t.http[2] && t.http[2] !== 200 ? { responseCode: t.http[2] } : {}),
        }
      : { method: 'POST', requestUri: '/' };
    const created = { http };
    if (Array.isArray(input)) created.input = shapeFor(input);
    if (Array.isArray(output)) created.output = shapeFor(output);
    if (model.metadata.protocol === 'query' && created.output) created.resultWrapper = `${opName}Result`;
    model.operations[opName] = created;
    added.operations++;
  }
  return added;
}

/** Sorted keys, no spaces, non-ASCII escaped: byte-for-byte what Python's json.dump(sort_keys=True) writes. */
function stableJson(value) {
  const sort = (v) =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort(v[k])]),
          )
        : v;
  return JSON.stringify(sort(value)).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function main() {
  const only = process.argv.slice(2);
  for (const [name, pkg] of Object.entries(CLIENTS)) {
    if (only.length && !only.includes(name)) continue;
    const path = join(outDir, `${name}.json`);
    if (!existsSync(path)) continue;
    let pkgJson;
    try {
      pkgJson = require.resolve(`${pkg}/package.json`);
    } catch {
      console.log(`${name}: no ${pkg} installed, botocore's model kept`);
      continue;
    }
    const model = JSON.parse(readFileSync(path, 'utf8'));
    if (model.sdkClient)
      throw new Error(`${name}.json already merged (${model.sdkClient.name}@${model.sdkClient.version}): run scripts/gen-models.py first`);
    const mod = require(pkg);
    const version = JSON.parse(readFileSync(pkgJson, 'utf8')).version;
    const added = mergeModel(model, mod, dirname(pkgJson));
    model.sdkClient = { name: pkg, version };
    writeFileSync(path, stableJson(model));
    console.log(
      `${name}: merged ${pkg}@${version}: +${added.operations} operations, +${added.structures} structures, ` +
        `+${added.members} members in botocore's structures, +${added.enumValues} enum values`,
    );
  }
}

main();
