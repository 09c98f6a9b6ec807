// Exit codes of canary commands: an outcome means the same code whatever the command, except that the abort asked here is done (0).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXIT } from '../../src/core/exit-codes.js';
import { exitCodeOf, type Outcome, type ReleaseSummary } from '../../src/canary/release-summary.js';

const summary = (outcome: Outcome): ReleaseSummary => ({
  releaseId: 'r1',
  revision: 'td:2',
  startedAt: 0,
  phase: outcome,
  outcome,
  failedChecks: 0,
  noDataStreak: 0,
});

test('exit codes: the abort asked here is done (0); aborted by someone else is 4; the rest does not depend on the request', () => {
  const cases: [string, Outcome | undefined, 'abort' | 'promote' | undefined, number][] = [
    ['start, released', 'succeeded', undefined, EXIT.ok],
    ['start, rolled back by the analysis', 'failed', undefined, EXIT.rolledBack],
    ['start whose release an operator aborted', 'aborted', undefined, EXIT.aborted],
    ['status of a running release', 'in-progress', undefined, EXIT.inProgress],
    ['abort that aborted', 'aborted', 'abort', EXIT.ok],
    ['abort of a release that rolled back first', 'failed', 'abort', EXIT.rolledBack],
    ['abort too late: the release was promoting and finished', 'succeeded', 'abort', EXIT.ok],
    ['promote, then an operator aborted', 'aborted', 'promote', EXIT.aborted],
    ['nothing recorded', undefined, undefined, EXIT.ok],
  ];
  for (const [name, outcome, asked, code] of cases) assert.equal(exitCodeOf(outcome ? summary(outcome) : undefined, asked), code, name);
});
