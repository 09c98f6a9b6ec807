// --strict end to end through the library: the session's config load, a registered section, and the definitions it renders.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AwsClients } from '../../src/aws/aws-clients.js';
import { canarySection } from '../../src/canary/config/canary-section.js';
import { loadTaskDefinition } from '../../src/config/definitions.js';
import type { PluginServices } from '../../src/config/plugins/template-plugin.js';
import { definitionInputs } from '../../src/config/renderer.js';
import { recordingHost } from '../../src/core/io-host.js';
import { openSession } from '../../src/session/open-session.js';

const RULE = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:listener-rule/app/lb/0123456789abcdef/0123456789abcdef/0123456789abcdef';
const noServices: PluginServices = {
  getParameter: () => Promise.reject(new Error('no SSM')),
  describeSecretArn: () => Promise.reject(new Error('no secrets')),
  getObjectText: () => Promise.reject(new Error('no S3')),
};

function project(config: string, container: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cortado-strict-'));
  writeFileSync(join(dir, 'cortado.yml'), config);
  writeFileSync(
    join(dir, 'td.json'),
    JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'app', image: 'nginx', ...container }] }),
  );
  return dir;
}

const CONFIG = 'cluster: c\nservice: web\ntask_definition: td.json\n';
const open = (dir: string, strict: boolean) => {
  const io = recordingHost();
  return { io, session: openSession({ cwd: dir, env: {}, ...(strict ? { strict } : {}) }, { io, aws: {} as AwsClients }) };
};

test('without --strict: unknown config keys, canary keys and definition fields are warnings, and portMapping is not sent', async () => {
  const dir = project(`${CONFIG}timout: 5m\ncanary:\n  listener_rule: ${RULE}\n  treshold: 3\n`, { portMapping: [{ containerPort: 80 }] });
  const { io, session } = open(dir, false);
  const s = await session;
  assert.equal(s.section(canarySection)?.threshold, 2);
  const td = await loadTaskDefinition(s.config.taskDefinitionPath!, definitionInputs(s.loaded, noServices));
  assert.equal(JSON.stringify(td.value).includes('portMapping'), false);
  assert.deepEqual(td.warnings, [
    `${join(dir, 'td.json')}: containerDefinitions[0].portMapping: not a RegisterTaskDefinition field, not sent to AWS (did you mean "portMappings"?)`,
  ]);
  assert.deepEqual(
    io.messages.filter((m) => m.message.includes('unknown key')).map((m) => [m.code, m.message]),
    [
      ['CONFIG_WARNING', `${join(dir, 'cortado.yml')}: timout: unknown key, ignored (did you mean "timeout"?)`],
      ['CONFIG_WARNING', `${join(dir, 'cortado.yml')}: canary.treshold: unknown key, ignored (did you mean "threshold"?)`],
    ],
  );
});

test('--strict: each of them is UNKNOWN_KEY naming the file and the field', async () => {
  const top = project(`${CONFIG}timout: 5m\n`, {});
  await assert.rejects(open(top, true).session, { code: 'UNKNOWN_KEY', file: join(top, 'cortado.yml'), field: 'timout' });
  const canary = project(`${CONFIG}canary:\n  listener_rule: ${RULE}\n  treshold: 3\n`, {});
  const s = await open(canary, true).session;
  assert.throws(() => s.section(canarySection), { code: 'UNKNOWN_KEY', file: join(canary, 'cortado.yml'), field: 'canary.treshold' });
  const def = project(CONFIG, { portMapping: [{ containerPort: 80 }] });
  const d = await open(def, true).session;
  await assert.rejects(loadTaskDefinition(d.config.taskDefinitionPath!, definitionInputs(d.loaded, noServices)), {
    code: 'UNKNOWN_KEY',
    file: join(def, 'td.json'),
    field: 'containerDefinitions[0].portMapping',
  });
});
