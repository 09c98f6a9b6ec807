import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { awsCli, boto3 } from '../../helpers/sandbox.js';
import { cli, closeEcs, startEcs } from './ecs-fixtures.js';

const ROOT = 'arn:aws:iam::000000000000:root';
const USER = 'arn:aws:iam::000000000000:user/alice';

describe('ECS account settings (AWS CLI, boto3)', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startEcs();
  });
  after(async () => {
    await closeEcs(sandbox);
  });

  it('lists the effective defaults of every setting name of the model, guardDutyActivate as aws_managed', async () => {
    const r = await cli(sandbox, ['ecs', 'list-account-settings', '--effective-settings', '--max-results', '10']);
    const first = r.settings as Array<Record<string, string>>;
    assert.equal(first.length, 10);
    assert.ok(r.nextToken, 'eleven names: a second page');
    const rest = await cli(sandbox, ['ecs', 'list-account-settings', '--effective-settings', '--next-token', String(r.nextToken)]);
    const all = [...first, ...(rest.settings as Array<Record<string, string>>)];
    const byName = Object.fromEntries(all.map((s) => [s.name, s]));
    assert.equal(all.length, 11);
    assert.equal(byName.serviceLongArnFormat!.value, 'enabled');
    assert.equal(byName.tagResourceAuthorization!.value, 'on');
    assert.equal(byName.containerInsights!.value, 'disabled');
    assert.equal(byName.fargateTaskRetirementWaitPeriod!.value, '7');
    assert.equal(byName.guardDutyActivate!.type, 'aws_managed');
    assert.equal(byName.awsvpcTrunking!.type, 'user');
    assert.equal(byName.awsvpcTrunking!.principalArn, ROOT);
    const own = await cli(sandbox, ['ecs', 'list-account-settings']);
    assert.deepEqual(own.settings, [], 'nothing set yet: without effectiveSettings the list is empty');
  });

  it('a principal setting overrides the account default; delete falls back; name/value filters apply', async () => {
    const r = await boto3(
      sandbox,
      `
ecs = boto3.client('ecs', endpoint_url=endpoint, region_name=region)
out = {}
out['default'] = ecs.put_account_setting_default(name='containerInsights', value='enhanced')['setting']
out['user'] = ecs.put_account_setting(name='containerInsights', value='disabled', principalArn=${JSON.stringify(USER)})['setting']
out['userEffective'] = ecs.list_account_settings(name='containerInsights', principalArn=${JSON.stringify(USER)}, effectiveSettings=True)['settings']
out['rootEffective'] = ecs.list_account_settings(name='containerInsights', effectiveSettings=True)['settings']
out['byValue'] = ecs.list_account_settings(name='containerInsights', value='enhanced', effectiveSettings=True)['settings']
out['noMatch'] = ecs.list_account_settings(name='containerInsights', value='enabled', effectiveSettings=True)['settings']
out['deleted'] = ecs.delete_account_setting(name='containerInsights', principalArn=${JSON.stringify(USER)})['setting']
out['after'] = ecs.list_account_settings(name='containerInsights', principalArn=${JSON.stringify(USER)}, effectiveSettings=True)['settings']
out['cluster'] = ecs.create_cluster(clusterName='insights')['cluster']['settings']
print(json.dumps(out))
`,
    );
    assert.equal(r.code, 0, r.stderr);
    const o = r.json as Record<string, unknown>;
    assert.deepEqual(o.default, { name: 'containerInsights', value: 'enhanced', principalArn: ROOT, type: 'user' });
    assert.deepEqual(o.user, { name: 'containerInsights', value: 'disabled', principalArn: USER, type: 'user' });
    assert.equal((o.userEffective as Array<{ value: string }>)[0]!.value, 'disabled');
    assert.equal((o.rootEffective as Array<{ value: string }>)[0]!.value, 'enhanced');
    assert.equal((o.byValue as unknown[]).length, 1);
    assert.deepEqual(o.noMatch, []);
    assert.equal((o.deleted as { value: string }).value, 'disabled');
    assert.equal((o.after as Array<{ value: string }>)[0]!.value, 'enhanced', "the user falls back to the account's value");
    assert.deepEqual(o.cluster, [{ name: 'containerInsights', value: 'enhanced' }], 'a new cluster follows the account setting');
  });

  it("refuses bad names and values, the read-only guardDutyActivate, and value without name (AWS's codes)", async () => {
    const bad = async (args: string[], pattern: RegExp) => {
      const r = await awsCli(sandbox, ['ecs', ...args]);
      assert.notEqual(r.code, 0, args.join(' '));
      assert.match(r.stderr, pattern, args.join(' '));
    };
    await bad(['put-account-setting', '--name', 'containerInsights', '--value', 'maybe'], /InvalidParameterException.*maybe/);
    await bad(['put-account-setting-default', '--name', 'fargateTaskRetirementWaitPeriod', '--value', '3'], /InvalidParameterException/);
    await bad(['put-account-setting', '--name', 'guardDutyActivate', '--value', 'on'], /InvalidParameterException.*managed by AWS/);
    await bad(['put-account-setting', '--name', 'noSuchSetting', '--value', 'on'], /InvalidParameterException/);
    await bad(
      ['put-account-setting', '--name', 'fargateTaskRetirementWaitPeriod', '--value', '14', '--principal-arn', USER],
      /InvalidParameterException.*root user/,
    );
    await bad(
      ['put-account-setting', '--name', 'awsvpcTrunking', '--value', 'enabled', '--principal-arn', 'bob'],
      /InvalidParameterException/,
    );
    await bad(['list-account-settings', '--value', 'enabled'], /InvalidParameterException/);
    await bad(['delete-account-setting', '--name', 'guardDutyActivate'], /InvalidParameterException/);
    await cli(sandbox, ['ecs', 'put-account-setting', '--name', 'fargateTaskRetirementWaitPeriod', '--value', '14']);
  });

  it('keeps settings per region: another region sees its own defaults', async () => {
    const r = await boto3(
      sandbox,
      `
us = boto3.client('ecs', endpoint_url=endpoint, region_name='us-west-2')
eu = boto3.client('ecs', endpoint_url=endpoint, region_name='eu-west-1')
us.put_account_setting_default(name='awsvpcTrunking', value='enabled')
print(json.dumps([c.list_account_settings(name='awsvpcTrunking', effectiveSettings=True)['settings'][0]['value'] for c in (us, eu)]))
`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, ['enabled', 'disabled']);
  });
});
