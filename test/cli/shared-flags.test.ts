// Table test: every shared and host flag through every command family — before the command's words, after them, and from
// the environment (CORTADO_*, then ecspresso's names; a flag beats both) — by calling the parser (no AWS, no command run).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COMMAND_TABLE } from '../../src/cli/command-table.js';
import { locate, parseCommand } from '../../src/cli/command-line.js';
import type { ParsedArgs } from '../../src/cli/command.js';
import { FLAG_ENV, HOST_OPTIONS, SHARED_OPTIONS } from '../../src/cli/shared-flags.js';
import { sessionOptionsFrom } from '../../src/cli/shared-flags.js';

type Env = Record<string, string | undefined>;

/** One command per family, with the arguments it needs to parse. */
const FAMILIES: readonly { readonly words: readonly string[]; readonly extra: readonly string[] }[] = [
  { words: ['deploy'], extra: ['--dry-run'] },
  { words: ['render'], extra: ['taskdef'] },
  { words: ['canary', 'start'], extra: ['--tag', 'v2'] },
  { words: ['env', 'create'], extra: ['pr-42'] },
  { words: ['local', 'start'], extra: ['--port', '0'] },
  { words: ['local', 'ls'], extra: [] },
  { words: ['demo'], extra: ['--speed', '20'] },
  { words: ['init'], extra: ['--service', 'web'] },
  { words: ['tag'], extra: ['app/'] },
  { words: ['iam-policy'], extra: ['deploy'] },
];

/** A flag's command-line form, the value it parses to, and the same value written in an environment variable. */
const SAMPLES: Readonly<Record<string, { argv: readonly string[]; value: unknown; env: string }>> = {
  config: { argv: ['--config', 'x.yml'], value: 'x.yml', env: 'x.yml' },
  envfile: { argv: ['--envfile', 'a.env', '--envfile', 'b.env'], value: ['a.env', 'b.env'], env: 'a.env,b.env' },
  'ext-str': { argv: ['--ext-str', 'a=1', '--ext-str', 'b=2'], value: ['a=1', 'b=2'], env: 'a=1;b=2' },
  'ext-code': { argv: ['--ext-code', 'o={x:1,y:2}'], value: ['o={x:1,y:2}'], env: 'o={x:1,y:2}' },
  region: { argv: ['--region', 'eu-west-1'], value: 'eu-west-1', env: 'eu-west-1' },
  profile: { argv: ['--profile', 'prod'], value: 'prod', env: 'prod' },
  'assume-role-arn': {
    argv: ['--assume-role-arn', 'arn:aws:iam::123456789012:role/deploy'],
    value: 'arn:aws:iam::123456789012:role/deploy',
    env: 'arn:aws:iam::123456789012:role/deploy',
  },
  'endpoint-url': { argv: ['--endpoint-url', 'http://127.0.0.1:4566'], value: 'http://127.0.0.1:4566', env: 'http://127.0.0.1:4566' },
  timeout: { argv: ['--timeout', '90s'], value: '90s', env: '90s' },
  'poll-interval': { argv: ['--poll-interval', '500ms'], value: '500ms', env: '500ms' },
  strict: { argv: ['--strict'], value: true, env: 'true' },
  output: { argv: ['-o', 'json'], value: 'json', env: 'json' },
  'no-color': { argv: ['--no-color'], value: true, env: '1' },
  debug: { argv: ['--debug'], value: true, env: '1' },
  verbose: { argv: ['-v'], value: true, env: 'true' },
};

async function parse(argv: readonly string[], env: Env = {}): Promise<ParsedArgs> {
  const where = locate(argv);
  assert.equal(where.kind, 'command', argv.join(' '));
  if (where.kind !== 'command') throw new Error('unreachable');
  return parseCommand(where.entry, await where.entry.load(), where.args, env);
}

const takes = (words: readonly string[], flag: string): boolean => {
  const entry = COMMAND_TABLE.find((e) => e.path.join(' ') === words.join(' '))!;
  return flag in HOST_OPTIONS || entry.shared === 'all' || entry.shared.includes(flag as never);
};

test('every shared and host flag has a sample and at least one environment variable', () => {
  assert.deepEqual(Object.keys(SAMPLES).sort(), [...Object.keys(SHARED_OPTIONS), ...Object.keys(HOST_OPTIONS)].sort());
  for (const name of Object.keys(SAMPLES)) assert.equal(FLAG_ENV[name]?.[0], `CORTADO_${name.toUpperCase().replace(/-/g, '_')}`, name);
});

for (const family of FAMILIES) {
  for (const [flag, sample] of Object.entries(SAMPLES)) {
    const name = `${family.words.join(' ')} ${flag}`;
    if (!takes(family.words, flag)) {
      test(`${name}: refused on the command line (before and after), ignored in the environment`, async () => {
        for (const argv of [
          [...sample.argv, ...family.words, ...family.extra],
          [...family.words, ...family.extra, ...sample.argv],
        ]) {
          await assert.rejects(
            parse(argv),
            (e: unknown) =>
              (e as { code?: string }).code === 'BAD_OPTION' && new RegExp(`does not take --${flag}`).test((e as Error).message),
            argv.join(' '),
          );
        }
        const fromEnv = await parse([...family.words, ...family.extra], { [FLAG_ENV[flag]![0]!]: sample.env });
        assert.equal(fromEnv.values[flag], undefined);
      });
      continue;
    }
    test(`${name}: before the command, after it, and from the environment`, async () => {
      const before = await parse([...sample.argv, ...family.words, ...family.extra]);
      const after = await parse([...family.words, ...family.extra, ...sample.argv]);
      assert.deepEqual(before.values[flag], sample.value, 'before');
      assert.deepEqual(after.values[flag], sample.value, 'after');
      assert.deepEqual(before.positionals, after.positionals, 'the command words never become arguments');
      for (const variable of FLAG_ENV[flag]!) {
        const fromEnv = await parse([...family.words, ...family.extra], { [variable]: sample.env });
        assert.deepEqual(fromEnv.values[flag], sample.value, variable);
      }
      const unset = await parse([...family.words, ...family.extra]);
      assert.equal(unset.values[flag], undefined, 'unset when neither flag nor variable is given');
      if (SHARED_OPTIONS[flag]?.type === 'string') {
        const beaten = await parse(
          [...family.words, ...family.extra, ...sample.argv],
          Object.fromEntries(FLAG_ENV[flag]!.map((v) => [v, 'from-env'])),
        );
        assert.deepEqual(beaten.values[flag], sample.value, 'the flag beats the environment');
      }
    });
  }
}

test('CORTADO_ beats ECSPRESSO_, and the parsed shared flags become the session options', async () => {
  const args = await parse(['deploy', '--timeout', '2m'], {
    CORTADO_CONFIG: 'c.yml',
    ECSPRESSO_CONFIG: 'e.yml',
    ECSPRESSO_EXT_STR: 'a=1;b=x,y',
    CORTADO_POLL_INTERVAL: '250ms',
  });
  assert.equal(args.values.config, 'c.yml');
  const o = sessionOptionsFrom(args, {}, '/w');
  assert.deepEqual([o.configPath, o.extStr, o.timeoutMs, o.pollIntervalMs], ['c.yml', { a: '1', b: 'x,y' }, 120_000, 250]);
});

test('a bad boolean or output in the environment is bad input naming the variable', async () => {
  await assert.rejects(parse(['deploy'], { CORTADO_STRICT: 'maybe' }), /CORTADO_STRICT expects true or false/);
  await assert.rejects(parse(['deploy'], { CORTADO_OUTPUT: 'yaml' }), /--output expects text or json, got "yaml" \(from CORTADO_OUTPUT\)/);
});

test('NO_COLOR and ECSPRESSO_COLOR=false turn colour off like --no-color', async () => {
  assert.equal((await parse(['deploy'], { NO_COLOR: '1' })).values['no-color'], true);
  assert.equal((await parse(['deploy'], { ECSPRESSO_COLOR: 'false' })).values['no-color'], true);
  assert.equal((await parse(['deploy'], { ECSPRESSO_COLOR: 'true' })).values['no-color'], undefined);
});

test('no command redefines a shared or host flag with another type', async () => {
  for (const entry of COMMAND_TABLE) {
    const cmd = await entry.load();
    for (const [name, o] of Object.entries(cmd.options)) {
      const shared = SHARED_OPTIONS[name] ?? HOST_OPTIONS[name];
      assert.ok(
        !shared || (shared.type === o.type && Boolean(shared.multiple) === Boolean(o.multiple)),
        `${entry.path.join(' ')} --${name}`,
      );
    }
  }
});
