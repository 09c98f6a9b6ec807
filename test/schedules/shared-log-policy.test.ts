// The history log policy is the account's, shared by every schedule group: two applies of two groups at once each add their
// log group to it, and neither write may drop the other's (a read-modify-write race).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applySchedules } from '../../src/schedules/apply-schedules.js';
import { HISTORY_POLICY_NAME } from '../../src/schedules/history-setup.js';
import { depsOf, fakeAws, specOf } from './fake-aws.js';

const section = { jobs: { nightly: { schedule: 'cron(30 2 * * ? *)' } } };

test('two groups applied at once: the shared log policy allows both log groups', async () => {
  const fake = fakeAws();
  await Promise.all([applySchedules(depsOf(fake, specOf(section, 'web'))), applySchedules(depsOf(fake, specOf(section, 'api')))]);
  const logs = await depsOf(fake, specOf(section, 'web')).aws.logs();
  const policy = (await logs.describeResourcePolicies({}, new AbortController().signal)).resourcePolicies?.find(
    (p) => p.policyName === HISTORY_POLICY_NAME,
  );
  const text = policy?.policyDocument ?? '';
  assert.match(text, /cortado-web/);
  assert.match(text, /cortado-api/);
});
