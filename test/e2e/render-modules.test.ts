// `cortado render` of a config whose templates need no AWS loads no AWS SDK module and not the Jsonnet add-on (cold start).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { assertBuilt, ROOT } from './e2e-harness.js';

test('render taskdef of a YAML config with env and local tfstate templates: no @aws-sdk/@smithy module, no Jsonnet', () => {
  assertBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'cortado-render-modules-'));
  writeFileSync(
    join(dir, 'cortado.yml'),
    'region: us-east-1\ncluster: c\nservice: web\ntask_definition: td.yml\nplugins:\n  - name: tfstate\n    config: {path: terraform.tfstate}\n',
  );
  writeFileSync(
    join(dir, 'terraform.tfstate'),
    JSON.stringify({
      version: 4,
      resources: [
        {
          mode: 'managed',
          type: 'aws_iam_role',
          name: 'exec',
          instances: [{ attributes: { arn: 'arn:aws:iam::000000000000:role/exec' } }],
        },
      ],
    }),
  );
  writeFileSync(
    join(dir, 'td.yml'),
    'family: web\nexecutionRoleArn: "{{ tfstate `aws_iam_role.exec.arn` }}"\ncontainerDefinitions:\n  - name: app\n    image: "nginx:{{ env `TAG` `latest` }}"\n',
  );
  const list = join(dir, 'modules.txt');
  writeFileSync(list, '');
  const r = spawnSync(
    process.execPath,
    ['--import', join(ROOT, 'bench/count-modules.mjs'), join(ROOT, 'bin/cortado.js'), 'render', 'taskdef'],
    {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env['PATH'], HOME: dir, CORTADO_MODULE_LIST: list, AWS_EC2_METADATA_DISABLED: 'true' },
    },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { executionRoleArn: string }).executionRoleArn, 'arn:aws:iam::000000000000:role/exec');
  const urls = readFileSync(list, 'utf8').split('\n').filter(Boolean);
  assert.ok(
    urls.some((u) => u.includes('/dist/cli-bundle/session-')),
    'the module list is recorded (the bundled CLI: its session chunk renders the definitions)',
  );
  assert.deepEqual(
    urls.filter((u) => /\/node_modules\/@(aws-sdk|smithy|aws-crypto)\//.test(u)),
    [],
  );
  assert.deepEqual(
    urls.filter((u) => /jsonnet/.test(u)),
    [],
  );
});
