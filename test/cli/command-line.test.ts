// The command line without running anything: where argv points, did-you-mean, help written once, what the console host prints
// at each level, and that `--help` and a group's help load no command module (a child process counts the modules it loads).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { PassThrough } from 'node:stream';
import { COMMAND_TABLE } from '../../src/cli/command-table.js';
import { locate } from '../../src/cli/command-line.js';
import { createConsoleHost } from '../../src/cli/console-host.js';
import { commandHelp, EXIT_CODES_HELP, groupHelp, rootHelp } from '../../src/cli/help.js';
import { editDistance, suggest } from '../../src/core/suggest.js';
import { CortadoError } from '../../src/core/errors.js';
import { EXIT } from '../../src/core/exit-codes.js';
import { msg } from '../../src/core/io-host.js';
import { loaderArgs, runnable } from '../helpers/entry.js';

const run = promisify(execFile);
const ENTRY = fileURLToPath(new URL('../canary/cli-entry.ts', import.meta.url));

test('locate: root, version, groups, help words, commands with shared flags before their words', () => {
  assert.deepEqual(locate([]), { kind: 'root' });
  assert.deepEqual(locate(['--help']), { kind: 'root' });
  assert.deepEqual(locate(['help']), { kind: 'root' });
  assert.deepEqual(locate(['version']), { kind: 'version' });
  assert.deepEqual(locate(['--version']), { kind: 'version' });
  assert.deepEqual(locate(['canary']), { kind: 'group', group: 'canary' });
  assert.deepEqual(locate(['canary', '--help']), { kind: 'group', group: 'canary' });
  assert.deepEqual(locate(['help', 'env']), { kind: 'group', group: 'env' });
  const cases: [string[], string, string[], boolean][] = [
    [['help', 'canary', 'start'], 'canary start', [], true],
    [['canary', 'start', '-h'], 'canary start', [], true],
    [['--config', 'x.yml', 'deploy', '--dry-run'], 'deploy', ['--config', 'x.yml', '--dry-run'], false],
    [
      ['-c', 'x.yml', 'canary', '--region', 'eu-west-1', 'start', '--tag', 'v2'],
      'canary start',
      ['-c', 'x.yml', '--region', 'eu-west-1', '--tag', 'v2'],
      false,
    ],
    [['render', 'taskdef', '--', '--help'], 'render', ['taskdef', '--', '--help'], false],
  ];
  for (const [argv, words, args, help] of cases) {
    const l = locate(argv);
    assert.ok(l.kind === 'command', argv.join(' '));
    assert.deepEqual([l.entry.path.join(' '), l.args, l.help], [words, args, help], argv.join(' '));
  }
});

test('unknown commands and flags: did-you-mean and a short usage line', () => {
  const cases: [string[], RegExp][] = [
    [['deplyo'], /unknown command "deplyo"; did you mean `cortado deploy`\?/],
    [['canary', 'strat'], /cortado canary has no command "strat"; did you mean `cortado canary start`\?/],
    [['env', 'list'], /cortado env has no command "list"; did you mean `cortado env ls`\?/],
    [['env', 'purge'], /cortado env has no command "purge"(?!; did)/],
    [['--regoin', 'x', 'deploy'], /unknown option "--regoin" before the command; did you mean --region\?/],
    [['help', 'rollbak'], /did you mean `cortado rollback`/],
  ];
  for (const [argv, re] of cases) {
    assert.throws(
      () => locate(argv),
      (e: unknown) => e instanceof CortadoError && e.source === 'user' && re.test(e.message) && /^usage: cortado/.test(e.hint ?? ''),
      argv.join(' '),
    );
  }
});

test('suggest: near words only', () => {
  assert.equal(editDistance('deplyo', 'deploy'), 1);
  assert.equal(suggest('staus', ['status', 'start', 'scale']), 'status');
  assert.equal(suggest('xyz', ['deploy', 'diff']), undefined);
  assert.equal(suggest('dry', ['dry-run', 'debug']), 'dry-run');
});

test('help: the root lists every command and group, a group its commands; every command ends with the one exit-code table', async () => {
  const root = rootHelp();
  for (const e of COMMAND_TABLE.filter((x) => x.path.length === 1))
    assert.match(root, new RegExp(`\\n  ${e.path[0]} +${e.summary.slice(0, 20).replace(/[()]/g, '.')}`));
  assert.match(root, /canary \.\.\./);
  const canary = groupHelp('canary');
  for (const w of ['start', 'status', 'promote', 'abort', 'pause', 'resume']) assert.match(canary, new RegExp(`\\n  ${w} `));
  for (const e of COMMAND_TABLE) {
    const text = commandHelp(e, await e.load());
    assert.ok(text.endsWith(EXIT_CODES_HELP), e.path.join(' '));
    assert.equal(text.split('Exit codes').length, 2, `${e.path.join(' ')}: exit codes written once`);
  }
  for (const [name, code] of Object.entries(EXIT)) assert.match(EXIT_CODES_HELP, new RegExp(`\\n  ${code} `), name);
});

function capture() {
  const out = new PassThrough();
  const err = new PassThrough();
  let o = '';
  let e = '';
  out.on('data', (d: Buffer) => {
    o += d.toString();
  });
  err.on('data', (d: Buffer) => {
    e += d.toString();
  });
  return { stdout: out, stderr: err, out: () => o, err: () => e };
}

test('console host: AWS calls only with --debug (one line each), library detail with --verbose, JSON errors with file and field', () => {
  const call = msg('debug', 'AWS_CALL', 'ecs UpdateService', {
    service: 'ECS',
    operation: 'UpdateService',
    httpStatus: 200,
    ms: 41.6,
    retries: 2,
  });
  const detail = msg('debug', 'ENV_CREATE_STEP', 'pr-42: service done');
  const info = msg('info', 'SERVICE_UPDATED', 'updated service api to api:4');
  const levels: [Record<string, boolean>, string][] = [
    [{}, 'updated service api to api:4\n'],
    [{ verbose: true }, 'debug: pr-42: service done\nupdated service api to api:4\n'],
    [{ debug: true }, 'debug: aws ECS:UpdateService 200 42ms retries=2\ndebug: pr-42: service done\nupdated service api to api:4\n'],
  ];
  for (const [opts, want] of levels) {
    const c = capture();
    const host = createConsoleHost({ ...opts, stdout: c.stdout, stderr: Object.assign(c.stderr, { isTTY: true }), color: false });
    for (const m of [call, detail, info]) host.notify(m);
    assert.equal(c.err(), want, JSON.stringify(opts));
  }
  const c = capture();
  const err = Object.assign(
    new CortadoError('BAD_CONFIG', 'cortado.yml: field "timeout": expected a duration', { source: 'user', hint: 'see docs' }),
    { file: 'cortado.yml', field: 'timeout' },
  );
  createConsoleHost({ mode: 'json', stdout: c.stdout, stderr: c.stderr }).error(err);
  assert.deepEqual(JSON.parse(c.out()), {
    error: {
      code: 'BAD_CONFIG',
      message: 'cortado.yml: field "timeout": expected a duration',
      hint: 'see docs',
      source: 'user',
      file: 'cortado.yml',
      field: 'timeout',
    },
  });
});

test('colour on a TTY unless --no-color', () => {
  for (const [color, painted] of [
    [undefined, true],
    [false, false],
  ] as const) {
    const c = capture();
    const saved = process.env.NO_COLOR;
    delete process.env.NO_COLOR;
    try {
      createConsoleHost({
        stdout: c.stdout,
        stderr: Object.assign(c.stderr, { isTTY: true }),
        ...(color === undefined ? {} : { color }),
      }).notify(msg('warn', 'CONFIG_WARNING', 'careful'));
    } finally {
      if (saved !== undefined) process.env.NO_COLOR = saved;
    }
    assert.equal(c.err().includes('\x1b['), painted);
  }
});

test('`cortado --help`, `cortado canary --help` load no command module and no AWS SDK; `cortado deploy --help` loads deploy alone', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cortado-modules-'));
  writeFileSync(
    join(dir, 'hooks.mjs'),
    "import { writeSync } from 'node:fs';\nexport async function load(url, context, next) { writeSync(2, `LOADED ${url}\\n`); return next(url, context); }\n",
  );
  writeFileSync(
    join(dir, 'register.mjs'),
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`,
  );
  const loaded = async (args: string[]) => {
    const { stderr } = await run(process.execPath, [
      ...loaderArgs(),
      '--import',
      pathToFileURL(join(dir, 'register.mjs')).href,
      runnable(ENTRY),
      ...args,
    ]);
    // Compiled or not, the modules by their source names.
    return stderr
      .split('\n')
      .filter((l) => l.startsWith('LOADED '))
      .map((l) => l.slice(7).replace(/\/(src|test)\/(.*)\.js$/, '/$1/$2.ts'));
  };
  for (const args of [['--help'], ['canary', '--help'], ['canary'], ['version']]) {
    const urls = await loaded(args);
    assert.ok(
      urls.some((u) => u.endsWith('/src/cli/main.ts')),
      `${args.join(' ')}: the hook sees the CLI's modules`,
    );
    assert.deepEqual(
      urls.filter(
        (u) => u.includes('/src/cli/commands/') || u.includes('@aws-sdk') || u.includes('/src/deploy/') || u.includes('/src/canary/'),
      ),
      [],
      args.join(' '),
    );
  }
  const deploy = await loaded(['deploy', '--help']);
  assert.deepEqual(
    deploy
      .filter((u) => u.includes('/src/cli/commands/'))
      .map((u) => u.replace(/^.*\/commands\//, ''))
      .sort(),
    ['deploy-options.ts', 'deploy.ts'],
  );
  assert.deepEqual(
    deploy.filter((u) => u.includes('@aws-sdk')),
    [],
  );
});
