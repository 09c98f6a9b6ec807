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

describe('conformance generated from the botocore models (boto3, client-side validation off)', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await withSandbox();
  });
  after(async () => {
    await sandbox?.close();
  });

  it('answers every constraint violation with AWS code, and every unserved operation and service cleanly', async (t) => {
    const { stdout } = await run('python3', ['-W', 'ignore', SCRIPT], {
      env: clientEnv(sandbox),
      timeout: 300_000,
      maxBuffer: 256 * 1024 * 1024,
    });
    const out = JSON.parse(stdout) as Output;
    const mismatches: string[] = [];
    const perService = new Map<string, { cases: number; unserved: number; notSent: number }>();
    for (const row of out.rows) {
      const tally = perService.get(row.service) ?? { cases: 0, unserved: 0, notSent: 0 };
      perService.set(row.service, tally);
      if (row.kind === 'not-sent') tally.notSent++;
      else if (row.kind === 'unserved-operation' || row.kind === 'unserved-service') tally.unserved++;
      else if (row.kind !== 'valid') tally.cases++;
      const expected = expectedCodes(row);
      if (expected && !expected.includes(row.got)) {
        mismatches.push(
          `${row.service} ${row.operation} [${row.case}]: expected ${expected.join(' or ')}, got ${row.got}${row.message ? ` (${row.message.slice(0, 160)})` : ''}`,
        );
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
      servedOps > 250 && cases > 2500 && unservedOps > 1000,
      `${servedOps} served operations, ${cases} cases, ${unservedOps} unserved`,
    );
    assert.ok(weak.length <= 15, `${weak.length} valid requests refused by the model: ${weak.join(', ')}`);
  });
});
