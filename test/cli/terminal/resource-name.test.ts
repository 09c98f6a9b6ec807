// Short resource names on screen instead of full ARNs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shortenArns, shortName } from '../../../src/cli/terminal/resource-name.js';

test('shortName', () => {
  const cases: readonly [string, string][] = [
    ['arn:aws:ecs:us-east-1:000000000000:service/demo/api', 'api'],
    ['arn:aws:ecs:us-east-1:000000000000:service/api', 'api'], // the old ARN format
    ['arn:aws:ecs:us-east-1:000000000000:cluster/demo', 'demo'],
    ['arn:aws:ecs:us-east-1:000000000000:task-definition/shop:2', 'shop:2'],
    ['arn:aws:ecs:us-east-1:000000000000:task/demo/c516c7a7799c2f49afc894f2daa83372', 'c516c7a7799c2f49afc894f2daa83372'],
    ['arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/shop-canary/ee7ffced9fce6e24', 'shop-canary'],
    ['arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/shop-alb/50dc6c495c0c9188', 'shop-alb'],
    ['arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/app/shop-alb/50dc6c495c0c9188/f2f7dc8efc522ab2', 'listener/…/2ab2'],
    [
      'arn:aws:elasticloadbalancing:us-east-1:000000000000:listener-rule/app/shop-alb/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabcd',
      'rule/…/abcd',
    ],
    ['arn:aws:iam::000000000000:role/path/deployer', 'deployer'],
    ['arn:aws:s3:::my-bucket', 'my-bucket'],
    ['arn:aws:logs:us-east-1:000000000000:log-group:/ecs/web:*', '/ecs/web:*'],
    ['arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdEf', 'db-AbCdEf'],
    ['arn:aws-cn:ecs:cn-north-1:000000000000:service/demo/api', 'api'],
    ['shop-stable', 'shop-stable'],
  ];
  for (const [arn, short] of cases) assert.equal(shortName(arn), short, arn);
});

test('shortenArns rewrites every ARN in a message and leaves the rest', () => {
  const m =
    'registered 1 targets in (target-group arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/shop-canary/ee7ffced9fce6e24)';
  assert.equal(shortenArns(m), 'registered 1 targets in (target-group shop-canary)');
  assert.equal(
    shortenArns('release r1: arn:aws:ecs:us-east-1:000000000000:task-definition/shop:2 to shop-canary, steps 5 → 25'),
    'release r1: shop:2 to shop-canary, steps 5 → 25',
  );
  assert.equal(shortenArns('no arns here: arnold'), 'no arns here: arnold');
});
