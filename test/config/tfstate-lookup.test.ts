// Table tests of tfstate lookups: outputs, resources, data sources, modules, count and for_each instances, attribute paths.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAddress } from '../../src/config/tfstate/tfstate-address.js';
import { lookupState, parseState, stringifyStateValue, type TerraformState } from '../../src/config/tfstate/tfstate-lookup.js';

const state: TerraformState = {
  version: 4,
  outputs: { vpc_id: { value: 'vpc-1' }, ports: { value: [80, 443] } },
  resources: [
    {
      mode: 'managed',
      type: 'aws_lb',
      name: 'main',
      instances: [{ attributes: { arn: 'arn:lb', tags: { Name: 'main' }, subnets: ['s-1', 's-2'], idle_timeout: 60, internal: false } }],
    },
    {
      mode: 'managed',
      type: 'aws_subnet',
      name: 'private',
      instances: [
        { index_key: 0, attributes: { id: 'subnet-0' } },
        { index_key: 1, attributes: { id: 'subnet-1' } },
      ],
    },
    {
      mode: 'managed',
      type: 'aws_iam_role',
      name: 'task',
      instances: [
        { index_key: 'web', attributes: { arn: 'arn:role/web' } },
        { index_key: 'a.b', attributes: { arn: 'arn:role/ab' } },
      ],
    },
    { mode: 'data', type: 'aws_caller_identity', name: 'current', instances: [{ attributes: { account_id: '123456789012' } }] },
    { module: 'module.db', mode: 'managed', type: 'aws_db_instance', name: 'main', instances: [{ attributes: { address: 'db.example' } }] },
    {
      module: 'module.app["web"]',
      mode: 'managed',
      type: 'aws_ecr_repository',
      name: 'repo',
      instances: [{ attributes: { repository_url: 'ecr/web' } }],
    },
    { mode: 'managed', type: 'aws_nothing', name: 'null_attr', instances: [{ attributes: { value: null } }] },
  ],
};

const lookups: readonly [string, string][] = [
  ['output.vpc_id', 'vpc-1'],
  ['output.ports', '[80,443]'],
  ['output.ports[1]', '443'],
  ['aws_lb.main.arn', 'arn:lb'],
  ['aws_lb.main.tags.Name', 'main'],
  ['aws_lb.main.subnets[1]', 's-2'],
  ['aws_lb.main.idle_timeout', '60'],
  ['aws_lb.main.internal', 'false'],
  ['aws_subnet.private[1].id', 'subnet-1'],
  ['aws_iam_role.task["web"].arn', 'arn:role/web'],
  ["aws_iam_role.task['web'].arn", 'arn:role/web'],
  ['aws_iam_role.task["a.b"].arn', 'arn:role/ab'],
  ['data.aws_caller_identity.current.account_id', '123456789012'],
  ['module.db.aws_db_instance.main.address', 'db.example'],
  ['module.app["web"].aws_ecr_repository.repo.repository_url', 'ecr/web'],
];

for (const [address, want] of lookups) {
  test(`tfstate ${address}`, () => {
    assert.equal(stringifyStateValue(lookupState(state, address), address), want);
  });
}

const failures: readonly [string, RegExp][] = [
  ['aws_lb.nope.arn', /resource aws_lb\.nope not found in the state/],
  ['aws_lb.main.nope', /attribute "nope" not found/],
  ['aws_subnet.private.id', /has 2 instances; add an index/],
  ['aws_subnet.private[5].id', /aws_subnet\.private\[5\] not found \(instances: \[0\], \[1\]\)/],
  ['output.nope', /output "nope" not found in the state \(outputs: vpc_id, ports\)/],
  ['aws_lb.main.subnets[9]', /index 9 out of range/],
  ['data.aws_lb.main.arn', /resource data\.aws_lb\.main not found/],
  ['module.other.aws_db_instance.main.address', /resource module\.other\.aws_db_instance\.main not found/],
];

for (const [address, re] of failures) {
  test(`tfstate error ${address}`, () => {
    assert.throws(() => lookupState(state, address), re);
  });
}

test('a null attribute is an error, not "null"', () => {
  assert.throws(() => stringifyStateValue(lookupState(state, 'aws_nothing.null_attr.value'), 'x'), /is null in the state/);
});

test('address parsing keeps quoted keys whole', () => {
  assert.deepEqual(parseAddress('a.b["x.y"][0].c'), [
    { kind: 'name', name: 'a' },
    { kind: 'name', name: 'b' },
    { kind: 'index', key: 'x.y' },
    { kind: 'index', key: 0 },
    { kind: 'name', name: 'c' },
  ]);
  assert.throws(() => parseAddress('a[x]'), /bad index/);
});

test('state files: bad JSON, old format', () => {
  assert.throws(() => parseState('{', 'terraform.tfstate'), /terraform\.tfstate is not valid JSON/);
  assert.throws(() => parseState('{"version":3}', 'old.tfstate'), /format version 3/);
  assert.throws(() => parseState('[]', 'x'), /not a Terraform state/);
});
