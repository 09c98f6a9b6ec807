// Generated conformance: every operation the sandbox serves gets, through boto3 with client-side validation off, one
// request per constraint botocore's model states (each required member missing, each enum, length and range bound
// violated) and must answer AWS's error code for that service and protocol (expected-codes.ts); every operation it does
// not serve, and a few services it does not serve at all, must fail cleanly with the code AWS's clients expect.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Sandbox } from '../../../src/local/index.js';
import { clientEnv, withSandbox } from '../../helpers/sandbox.js';
import { expectedCodes, type Row } from './expected-codes.js';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('./conformance.py', import.meta.url));

interface Output {
  readonly served: Readonly<Record<string, number>>;
  readonly unserved: Readonly<Record<string, number>>;
  readonly rows: readonly Row[];
}

/** A valid request refused by the model's own checks means the run built it wrong: its cases prove less. */
const refusedByModel = (row: Row): boolean => row.kind === 'valid' && /\d+ validation errors? detected/.test(row.message ?? '');

/** The member a case violates, as a message names it (`ProvidedContexts[0].ProviderArn` → `ProviderArn`). */
const memberOf = (row: Row): string =>
  (row.case.split(' ')[1] ?? '')
    .split('.')
    .pop()!
    .replace(/\[\d+\]/g, '');

/**
 * When a case gets the code the valid request of its operation got too (a handler's own check, say ELBv2's "not a
 * valid load balancer ARN"), the code alone proves nothing: the message must name the violated member. S3's absent
 * query and header members are exempt: the request is then another operation, answered as that one.
 */
const provesNothing = (row: Row, validCode: string | undefined): boolean =>
  row.got === validCode &&
  !(row.service === 's3' && row.kind === 'missing' && row.where !== 'payload' && row.where !== 'body') &&
  !(row.message ?? '').toLowerCase().includes(memberOf(row).toLowerCase());

/** Every answer the run expects is a 400 but these (S3's answers when an absent member makes it another operation). */
const STATUS: Readonly<Record<string, number>> = { NoSuchBucket: 404, MethodNotAllowed: 405 };

describe('conformance generated from the botocore models (boto3, client-side validation off)', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await withSandbox();
  });
  after(async () => {
    await sandbox?.close();
  });

  it('answers every constraint violation with AWS code, and every unserved operation and service cleanly', async (t) => {
    const started = Date.now();
    const { stdout } = await run('python3', ['-W', 'ignore', SCRIPT], {
      env: clientEnv(sandbox),
      timeout: 300_000,
      maxBuffer: 256 * 1024 * 1024,
    });
    const out = JSON.parse(stdout) as Output;
    t.diagnostic(`${out.rows.length} requests in ${((Date.now() - started) / 1000).toFixed(1)} s (one python3 process)`);
    const mismatches: string[] = [];
    const perService = new Map<string, { cases: number; unserved: number; notSent: number }>();
    const validCodes = new Map(out.rows.filter((r) => r.kind === 'valid').map((r) => [`${r.service} ${r.operation}`, r.got]));
    for (const row of out.rows) {
      const tally = perService.get(row.service) ?? { cases: 0, unserved: 0, notSent: 0 };
      perService.set(row.service, tally);
      if (row.kind === 'not-sent') tally.notSent++;
      else if (row.kind === 'unserved-operation' || row.kind === 'unserved-service') tally.unserved++;
      else if (row.kind !== 'valid') tally.cases++;
      const expected = expectedCodes(row);
      const said = row.message ? ` (${row.message.slice(0, 200)})` : '';
      const status = STATUS[row.got] ?? 400;
      if (expected && !expected.includes(row.got)) {
        mismatches.push(`${row.service} ${row.operation} [${row.case}]: expected ${expected.join(' or ')}, got ${row.got}${said}`);
      } else if (expected && row.status !== status) {
        mismatches.push(`${row.service} ${row.operation} [${row.case}]: ${row.got} with HTTP ${row.status}, expected ${status}`);
      } else if (expected && row.kind !== 'unserved-operation' && row.kind !== 'unserved-service') {
        if (provesNothing(row, validCodes.get(`${row.service} ${row.operation}`))) {
          mismatches.push(
            `${row.service} ${row.operation} [${row.case}]: answered ${row.got} as the valid request was, not naming ${memberOf(row)}${said}`,
          );
        }
      }
    }
    const servedOps = Object.values(out.served).reduce((a, b) => a + b, 0);
    const unservedOps = Object.values(out.unserved).reduce((a, b) => a + b, 0);
    const cases = [...perService.values()].reduce((a, s) => a + s.cases, 0);
    const notSent = [...perService.values()].reduce((a, s) => a + s.notSent, 0);
    const weak = out.rows.filter(refusedByModel).map((r) => `${r.service} ${r.operation}`);
    t.diagnostic(
      `served operations covered: ${servedOps}; constraint cases: ${cases}; unserved operations covered: ${unservedOps}; ` +
        `unserved services: ${out.rows.filter((r) => r.kind === 'unserved-service').length}; not sent by botocore (out of scope): ${notSent}`,
    );
    for (const [service, s] of [...perService.entries()].sort()) {
      t.diagnostic(
        `${service}: ${out.served[service] ?? 0} served operations, ${s.cases} cases, ${out.unserved[service] ?? s.unserved} unserved operations`,
      );
    }
    if (weak.length > 0) t.diagnostic(`valid requests the model refused (their cases prove less): ${weak.join(', ')}`);
    assert.deepEqual(mismatches, []);
    // The run must have covered what the sandbox serves: a generator that produced nothing would pass the line above.
    assert.ok(
      servedOps > 250 && cases > 1800 && unservedOps > 1400,
      `${servedOps} served operations, ${cases} cases, ${unservedOps} unserved`,
    );
    assert.ok(weak.length <= 15, `${weak.length} valid requests refused by the model: ${weak.join(', ')}`);
  });
});
