// Cold start of the CLI against `node -e 0` measured in the same run (interleaved, medians): --version, --help, a command's
// --help, and `render taskdef` of a small local YAML config (no AWS call); and how many modules each loads.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchFigure } from './run.js';

export const title = 'CLI cold start: ratios to node -e 0, modules loaded';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, '..', 'bin', 'cortado.js');
const COUNTER = join(here, 'count-modules.mjs');
const RUNS = 15;

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  readonly target?: number;
}

const CASES: readonly Case[] = [
  { name: 'cortado --version', args: [BIN, '--version'] },
  { name: 'cortado --help', args: [BIN, '--help'], target: 1.5 },
  { name: 'cortado canary --help', args: [BIN, 'canary', '--help'] },
  { name: 'cortado canary start --help', args: [BIN, 'canary', 'start', '--help'] },
  { name: 'cortado render taskdef (YAML, env template)', args: [BIN, 'render', 'taskdef'], target: 2.0 },
];

function timed(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ ms: number; code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, code: code ?? -1, stderr }));
  });
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

function fixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cortado-bench-cold-'));
  writeFileSync(
    join(dir, 'cortado.yml'),
    'region: us-east-1\ncluster: bench\nservice: web\nservice_definition: sd.yml\ntask_definition: td.yml\n',
  );
  writeFileSync(join(dir, 'sd.yml'), 'launchType: FARGATE\ndesiredCount: 2\n');
  writeFileSync(
    join(dir, 'td.yml'),
    [
      'family: web',
      'networkMode: awsvpc',
      'requiresCompatibilities: [FARGATE]',
      'cpu: "256"',
      'memory: "512"',
      'containerDefinitions:',
      '  - name: app',
      '    image: "cortado/demo-app:{{ must_env `IMAGE_TAG` }}"',
      '    portMappings: [{ containerPort: {{ env `PORT` `8080` }} }]',
      '',
    ].join('\n'),
  );
  return dir;
}

/** Modules loaded (not node: built-ins), and how many of them are AWS SDK (@aws-sdk, @smithy). */
async function modules(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ total: number; sdk: number }> {
  const list = join(cwd, `modules-${process.pid}.txt`);
  writeFileSync(list, '');
  await timed(['--import', COUNTER, ...args], cwd, { ...env, CORTADO_MODULE_LIST: list });
  const urls = new Set(
    readFileSync(list, 'utf8')
      .split('\n')
      .filter((u) => u && u !== `file://${COUNTER}`),
  );
  rmSync(list);
  return { total: urls.size, sdk: [...urls].filter((u) => /\/node_modules\/@(aws-sdk|smithy|aws-crypto)\//.test(u)).length };
}

export async function run(): Promise<readonly BenchFigure[]> {
  const dir = fixture();
  // No AWS settings at all: a render that reached for credentials or the network would show here as a failure or a slow run.
  const env = {
    PATH: process.env.PATH,
    HOME: dir,
    IMAGE_TAG: 'v1',
    NO_COLOR: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const base: number[] = [];
  const samples = CASES.map(() => [] as number[]);
  const codes = CASES.map(() => new Set<number>());
  for (let i = 0; i < RUNS; i++) {
    // Interleaved, and the order rotates each round, so drift on a busy machine hits every case alike.
    const order = [-1, ...CASES.map((_, k) => k)];
    for (let r = 0; r < i % order.length; r++) order.push(order.shift()!);
    for (const k of order) {
      if (k < 0) {
        base.push((await timed(['-e', '0'], dir, env)).ms);
        continue;
      }
      const res = await timed(CASES[k]!.args, dir, env);
      if (CASES[k]!.args.includes('render') && res.code !== 0) throw new Error(`cortado render failed: ${res.stderr}`);
      samples[k]!.push(res.ms);
      codes[k]!.add(res.code);
    }
  }
  const node = median(base);
  const figures: BenchFigure[] = [{ name: `node -e 0 (median of ${RUNS})`, value: node, unit: 'ms' }];
  for (const [k, c] of CASES.entries()) {
    const ms = median(samples[k]!);
    const m = await modules(c.args, dir, env);
    const exit = [...codes[k]!].join('/');
    figures.push(
      { name: `${c.name}: median`, value: ms, unit: 'ms', note: `exit ${exit}` },
      {
        name: `${c.name}: ratio to node -e 0`,
        value: ms / node,
        unit: 'x',
        ...(c.target ? { note: `target <= ${c.target}x: ${ms / node <= c.target ? 'met' : 'NOT met'}` } : {}),
      },
      { name: `${c.name}: modules loaded`, value: m.total, unit: 'modules', note: `${m.sdk} of them AWS SDK (@aws-sdk, @smithy)` },
    );
  }
  rmSync(dir, { recursive: true, force: true });
  return figures;
}
