// The history log policy is the account's, shared by every schedule group: applies of two groups at once must not lose
// each other's access (a read-modify-write race), so the policy does not depend on the group at all.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resourceCovers } from '../../src/aws/policy-document.js';
import { applySchedules } from '../../src/schedules/apply-schedules.js';
import { HISTORY_POLICY_NAME } from '../../src/schedules/history-setup.js';
import { depsOf, fakeAws, specOf } from './fake-aws.js';

const section = { jobs: { nightly: { schedule: 'cron(30 2 * * ? *)' } } };
const signal = new AbortController().signal;

/** The fake with every PutResourcePolicy document recorded. */
function recordingPolicies(fake: ReturnType<typeof fakeAws>): string[] {
  const written: string[] = [];
  const logs = fake.aws.logs;
  fake.aws.logs = async () => {
    const api = await logs();
    return {
      ...api,
      putResourcePolicy: (i, s) => {
        written.push(i.policyDocument ?? '');
        return api.putResourcePolicy(i, s);
      },
    };
  };
  return written;
}

async function policyOf(fake: ReturnType<typeof fakeAws>): Promise<string> {
  const logs = await fake.aws.logs();
  return (
    (await logs.describeResourcePolicies({}, signal)).resourcePolicies?.find((p) => p.policyName === HISTORY_POLICY_NAME)?.policyDocument ??
    ''
  );
}

const arnsOf = (doc: string): string[] => (JSON.parse(doc) as { Statement: { Resource: string[] }[] }).Statement.flatMap((s) => s.Resource);

test('two groups applied at once write the same policy, one pattern covering both log groups; a third group writes nothing', async () => {
  const fake = fakeAws();
  const written = recordingPolicies(fake);
  await Promise.all([applySchedules(depsOf(fake, specOf(section, 'web'))), applySchedules(depsOf(fake, specOf(section, 'api')))]);
  assert.ok(written.length >= 2, 'both applies found no policy and wrote one');
  assert.equal(new Set(written).size, 1, 'the documents they wrote are the same: neither can drop what the other wrote');
  const resources = arnsOf(await policyOf(fake));
  assert.equal(resources.length, 1);
  for (const group of ['cortado-web', 'cortado-api', 'cortado-worker'])
    assert.ok(
      resources.some((r) => resourceCovers(r, `arn:aws:logs:us-east-1:123456789012:log-group:/aws/events/cortado/${group}:*`)),
      `${group} is covered by ${resources.join(', ')}`,
    );
  written.length = 0;
  const third = await applySchedules(depsOf(fake, specOf(section, 'worker')));
  assert.deepEqual(written, []);
  assert.ok(!third.changes.some((c) => c.resource === 'log-policy'));
});

test('a history log group named in the config is added by its ARN beside the pattern, and kept by a later default group', async () => {
  const fake = fakeAws();
  const custom = { ...section, history: { log_group: 'team/jobs-history' } };
  await applySchedules(depsOf(fake, specOf(custom, 'web')));
  await applySchedules(depsOf(fake, specOf(section, 'api')));
  const resources = arnsOf(await policyOf(fake));
  assert.equal(resources.length, 2);
  assert.ok(resources.some((r) => r.endsWith(':log-group:team/jobs-history:*')));
  assert.ok(resources.some((r) => r.endsWith(':log-group:/aws/events/cortado/*:*')));
});
