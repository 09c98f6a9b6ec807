// Fuzz: >= 1,000 malformed or hostile requests; every one gets an error, the sandbox keeps serving, state is unchanged.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { request } from 'node:http';
import type { Sandbox } from '../../src/local/index.js';
import { withSandbox } from '../helpers/sandbox.js';

interface Probe {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer | string;
  readonly label: string;
}

/** Small deterministic PRNG so a failure can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const auth = (service: string) =>
  `AWS4-HMAC-SHA256 Credential=AKIAFUZZ/20261122/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`;

function send(sandbox: Sandbox, p: Probe): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const body = typeof p.body === 'string' ? Buffer.from(p.body) : p.body;
    const req = request(
      `${sandbox.endpoint}${p.path}`,
      { method: p.method, headers: { 'content-length': String(body.length), ...p.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A JSON value of the wrong kind for a member of this shape type. */
function wrongJson(type: string | undefined, rand: () => number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  switch (type) {
    case 'string':
      return pick([123, true, [], { a: 1 }, 1.5]);
    case 'integer':
    case 'long':
      return pick(['12', 'x'.repeat(3000), 1.5, [], true]);
    case 'boolean':
      return pick(['true', 1, [], {}]);
    case 'list':
      return pick(['str', 5, { a: 1 }, true]);
    case 'map':
    case 'structure':
      return pick(['str', 5, [1, [2, [3]]], true]);
    case 'timestamp':
      return pick(['not a date', {}, [], true]);
    default:
      return pick([{}, [], 'x']);
  }
}

const QUERY_TYPED = new Set(['integer', 'long', 'boolean', 'timestamp', 'double']);

function probes(sandbox: Sandbox, rand: () => number): Probe[] {
  const out: Probe[] = [];
  for (const svc of sandbox.services) {
    const meta = svc.model.metadata;
    const ops = Object.keys(svc.handlers);
    const json = meta.targetPrefix && (meta.protocol === 'json' || meta.protocols?.includes('json'));
    for (const op of ops) {
      const shape = svc.model.shapes[svc.model.operations[op]?.input ?? ''];
      const members = Object.keys(shape?.members ?? {});
      const typeOf = (m: string) => svc.model.shapes[shape?.members?.[m]?.shape ?? '']?.type;
      const required = shape?.required ?? [];
      if (json) {
        const headers = {
          'x-amz-target': `${meta.targetPrefix}.${op}`,
          'content-type': `application/x-amz-json-${meta.jsonVersion ?? '1.1'}`,
          authorization: auth(meta.signingName ?? meta.endpointPrefix),
        };
        const bad = [
          '{',
          '[]',
          '"str"',
          '{"a":',
          'null',
          '12',
          '\u0000\u0001',
          '{'.repeat(5000),
          `{"${members[0] ?? 'x'}": ${'['.repeat(20000)}}`,
        ];
        for (const b of bad) out.push({ method: 'POST', path: '/', headers, body: b, label: `${svc.name}.${op} bad json` });
        // Every member with a wrong type and the required ones missing.
        for (let i = 0; members.length > 0 && i < 4; i++) {
          const body: Record<string, unknown> = {};
          for (const m of members) body[m] = wrongJson(typeOf(m), rand);
          out.push({ method: 'POST', path: '/', headers, body: JSON.stringify(body), label: `${svc.name}.${op} wrong types` });
        }
        out.push({
          method: 'POST',
          path: '/',
          headers: { ...headers, 'content-encoding': 'gzip' },
          body: 'not gzip',
          label: `${svc.name}.${op} bad gzip`,
        });
        out.push({
          method: 'POST',
          path: '/',
          headers: { ...headers, 'content-encoding': 'gzip' },
          body: gzipSync('{"x":'),
          label: `${svc.name}.${op} gzip of bad json`,
        });
      }
      if (meta.protocol === 'query' || (!json && meta.protocols?.includes('query'))) {
        const headers = {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: auth(meta.signingName ?? meta.endpointPrefix),
        };
        const typed = members.filter((m) => QUERY_TYPED.has(typeOf(m) ?? ''));
        for (const m of typed) {
          const params = new URLSearchParams({ Action: op, Version: meta.apiVersion, [m]: rand() < 0.5 ? 'not-a-value' : '' });
          out.push({
            method: 'POST',
            path: '/',
            headers,
            body: `${params.toString()}&%%%`,
            label: `${svc.name}.${op} wrong query type for ${m}`,
          });
        }
        if (required.length > 0)
          out.push({
            method: 'POST',
            path: '/',
            headers,
            body: `Action=${op}&Version=${meta.apiVersion}`,
            label: `${svc.name}.${op} missing members`,
          });
      }
    }
    if (meta.protocol === 'rest-xml') {
      for (const [op, def] of Object.entries(svc.model.operations)) {
        if (!svc.handlers[op] || !def.http) continue;
        const path = def.http.requestUri.split('?')[0]!.replace(/\{[^}]+\}/g, () => `fuzz-${Math.floor(rand() * 1e6)}`);
        const headers = { 'content-type': 'application/xml', authorization: auth(meta.signingName ?? meta.endpointPrefix) };
        for (const b of [
          '<',
          '<a><b></a>',
          '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
          '<x>' + '<y>'.repeat(3000) + '</x>',
          'not xml at all',
        ]) {
          out.push({ method: def.http.method, path, headers, body: b, label: `${svc.name}.${op} bad xml` });
        }
      }
    }
  }
  const unknown: Probe[] = [
    {
      method: 'POST',
      path: '/',
      headers: { 'x-amz-target': 'NoSuchService_2099.Op', 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
      label: 'unknown target',
    },
    {
      method: 'POST',
      path: '/',
      headers: { 'x-amz-target': '', 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
      label: 'empty target',
    },
    {
      method: 'POST',
      path: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth('elasticloadbalancing') },
      body: 'Action=NoSuchAction&Version=2015-12-01',
      label: 'unknown action',
    },
    { method: 'DELETE', path: '/2013-04-01/nothing/here', headers: {}, body: '', label: 'unknown route53 route' },
    {
      method: 'POST',
      path: '/',
      headers: { 'content-length': String(10 * 1024 * 1024 * 1024), 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListClusters' },
      body: '{}',
      label: 'huge declared body',
    },
  ];
  for (let i = 0; out.length + unknown.length < 1100; i++) out.push(...unknown.map((u) => ({ ...u, label: `${u.label} #${i}` })));
  return [...out, ...unknown];
}

describe('fuzz: hostile requests', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await withSandbox();
  });
  after(async () => {
    await sandbox.close();
  });

  it('answers >= 1,000 malformed requests with errors, keeps serving, and changes no state', async () => {
    const before = JSON.stringify(sandbox.services.map((s) => s.snapshot?.() ?? null));
    // Unknown members are ignored, as AWS does, and must not reach any prototype.
    const pollute = await send(sandbox, {
      method: 'POST',
      path: '/',
      headers: { 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListClusters', 'content-type': 'application/x-amz-json-1.1' },
      body: '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}',
      label: 'prototype pollution',
    });
    assert.equal(pollute.status, 200);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const list = probes(sandbox, prng(20261122));
    assert.ok(list.length >= 1000, `only ${list.length} probes`);
    const unexpected: string[] = [];
    for (let i = 0; i < list.length; i += 8) {
      const batch = list.slice(i, i + 8);
      const results = await Promise.all(
        batch.map((p) =>
          send(sandbox, p).then(
            (r) => ({ p, r }),
            (e: unknown) => ({ p, r: { status: -1, body: String(e) } }),
          ),
        ),
      );
      for (const { p, r } of results) {
        if (r.status < 400 || (r.status === 500 && /InternalFailure/.test(r.body)))
          unexpected.push(`${p.label}: HTTP ${r.status} ${r.body.slice(0, 200)}`);
      }
    }
    // One real 65 MB body: refused as too large, and the server is still fine afterwards.
    const big = await send(sandbox, {
      method: 'POST',
      path: '/',
      headers: { 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListClusters', 'content-type': 'application/x-amz-json-1.1' },
      body: Buffer.alloc(65 * 1024 * 1024, 0x20),
      label: 'huge body',
    });
    assert.equal(big.status, 413);
    assert.deepEqual(unexpected, [], `${unexpected.length} of ${list.length} probes were not answered with a clean error`);
    const health = await fetch(`${sandbox.endpoint}/_cortado/health`);
    assert.equal(health.status, 200);
    assert.equal(JSON.stringify(sandbox.services.map((s) => s.snapshot?.() ?? null)), before, 'state changed under fuzzing');
  });
});
