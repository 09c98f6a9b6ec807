// End to end: `cortado autoscale run|status|explain` with a bad autoscale: section exits 2, names file and field, and calls nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startE2E } from '../e2e/e2e-harness.js';

let e2e: Awaited<ReturnType<typeof startE2E>>;
before(async () => {
  e2e = await startE2E();
});
after(async () => {
  await e2e?.close();
});

const CASES: [string, string, RegExp][] = [
  [
    'unknown source',
    'service: api\nautoscale:\n  source: ngnix\n  target: 5\n',
    /cortado\.yml: autoscale\.source\.kind: .*did you mean "nginx"/,
  ],
  [
    'min > max',
    'service: api\nautoscale:\n  source: nginx\n  target: 5\n  min: 6\n  max: 3\n',
    /cortado\.yml: autoscale\.min: expected at most autoscale\.max \(3\)/,
  ],
  ['target 0', 'service: api\nautoscale:\n  source: nginx\n  target: 0\n', /cortado\.yml: autoscale\.target: expected a number above 0/],
  ['missing service', 'autoscale:\n  source: nginx\n  target: 5\n', /cortado\.yml: autoscale\.service: expected the service to scale/],
  ['no section', 'service: api\n', /cortado\.yml has no autoscale: section/],
];

for (const [name, yaml, want] of CASES) {
  test(`bad config: ${name} → exit 2, no AWS call`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cortado-as-bad-'));
    writeFileSync(join(dir, 'cortado.yml'), `region: us-east-1\ncluster: prod\n${yaml}`);
    for (const cmd of ['run', 'status', 'explain']) {
      const r = await e2e.cli(['autoscale', cmd], { cwd: dir });
      assert.equal(r.code, 2, `${cmd}: ${r.stderr}`);
      assert.match(r.stderr, want, cmd);
      assert.deepEqual(r.calls, [], `${cmd} made no call`);
    }
  });
}
