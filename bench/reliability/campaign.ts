// The campaign: one sandbox with the faults on, the planned runs of each capability spread over a few concurrent slots,
// and what every run found. A library so the smoke test and `npm run reliability` run the same thing.
import { startSandbox } from '../../src/local/index.js';
import { awsFor } from './aws.js';
import { CAMPAIGN_FAULTS, type FaultCounts, type FaultPlan, startFaults } from './fault-meter.js';
import { type Capability, Findings, type RunOutcome } from './outcome.js';
import { createRng } from './rng.js';
import { contextFor, type Scenario } from './scenario.js';

export interface CampaignOptions {
  readonly seed: number;
  /** Runs per capability. */
  readonly runs: number;
  readonly scenarios: readonly Scenario[];
  readonly kill: boolean;
  /** Runs going at once (each capability has its own slots, so this many per capability). */
  readonly concurrency: number;
  readonly faults?: FaultPlan;
  readonly speed?: number;
  /** No new run starts once this is aborted (a time budget, Ctrl-C): the runs going on finish and the summary is made. */
  readonly stop?: AbortSignal;
  /** Called as each run ends (progress lines). */
  readonly onRun?: (o: RunOutcome) => void;
}

export interface CampaignResult {
  readonly seed: number;
  readonly outcomes: readonly RunOutcome[];
  readonly faults: ReadonlyMap<string, FaultCounts>;
  readonly totalFaults: FaultCounts;
  readonly ms: number;
}

/** The caller group of an access key id (see accessKeyFor): DEP, CAN, ENV, AUT, SCH, or CHK for the campaign's own checks. */
const groupOf = (key: string) => (key.startsWith('AKIAREL') ? key.slice(7, 10) : 'other');

export async function runCampaign(o: CampaignOptions): Promise<CampaignResult> {
  const started = Date.now();
  const sandbox = await startSandbox({ port: 0, host: '127.0.0.1', speed: o.speed ?? 30 });
  const target = { endpoint: sandbox.endpoint, region: sandbox.region };
  const aws = awsFor(target);
  const outcomes: RunOutcome[] = [];
  const rng = createRng(o.seed);
  try {
    // Set-up runs without faults (it is the campaign's, not what is measured); then the faults go on for every run.
    for (const s of o.scenarios) await s.prepare(target, aws, o.concurrency);
    const meter = await startFaults(sandbox.endpoint, o.faults ?? CAMPAIGN_FAULTS, groupOf);
    try {
      await Promise.all(
        o.scenarios.map(async (scenario, si) => {
          let next = 0;
          const slot = async (slotIndex: number) => {
            for (let index = next++; index < o.runs && !o.stop?.aborted; index = next++) {
              const f = new Findings();
              const runRng = rng.fork(si * 1_000_000 + index);
              const t0 = Date.now();
              try {
                await scenario.run(contextFor(target, aws, runRng, scenario.capability, index, o.kill, f), slotIndex);
              } catch (e) {
                f.add('error', `the run itself failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
              }
              const outcome: RunOutcome = {
                capability: scenario.capability,
                index,
                plan: f.steps.join('; '),
                killed: f.killed,
                problems: f.problems,
                ms: Date.now() - t0,
              };
              outcomes.push(outcome);
              o.onRun?.(outcome);
            }
          };
          await Promise.all(Array.from({ length: o.concurrency }, (_, i) => slot(i)));
        }),
      );
    } finally {
      await meter.stop();
    }
    return { seed: o.seed, outcomes, faults: meter.byGroup, totalFaults: meter.total(), ms: Date.now() - started };
  } finally {
    for (const s of o.scenarios) await s.close?.().catch(() => undefined);
    aws.destroy();
    await sandbox.close();
  }
}

const GROUP: Record<Capability, string> = { deploy: 'DEP', canary: 'CAN', env: 'ENV', autoscale: 'AUT', schedule: 'SCH' };

/** The summary table: one row per capability, then the totals; `failed` when anything was orphaned, wrong or mismatched. */
export function summarize(r: CampaignResult, capabilities: readonly Capability[]): { table: string; failed: boolean } {
  const rows: string[][] = [['capability', 'runs', 'killed', 'calls', 'throttled', '5xx', 'orphans', 'wrong exit', 'mismatches', 'errors']];
  const total = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (const c of capabilities) {
    const runs = r.outcomes.filter((o) => o.capability === c);
    const count = (k: string) => runs.reduce((n, o) => n + o.problems.filter((p) => p.kind === k).length, 0);
    const fc = r.faults.get(GROUP[c]) ?? { calls: 0, throttled: 0, serverErrors: 0 };
    const row = [
      runs.length,
      runs.reduce((n, o) => n + o.killed, 0),
      fc.calls,
      fc.throttled,
      fc.serverErrors,
      count('orphan'),
      count('exit'),
      count('mismatch'),
      count('error'),
    ];
    row.forEach((v, i) => (total[i]! += v));
    rows.push([c, ...row.map(String)]);
  }
  const checker = r.faults.get('CHK');
  rows.push(['total', ...total.map(String)]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  const t = r.totalFaults;
  const table = [
    ...rows.map(line),
    '',
    `seed ${r.seed}; ${Math.round(r.ms / 1000)} s; faults injected (all callers, the checks' own included): ${t.throttled} throttled` +
      ` (${((100 * t.throttled) / Math.max(1, t.calls)).toFixed(1)}% of ${t.calls} calls), ${t.serverErrors} 5xx` +
      (checker ? `; the checks made ${checker.calls} of those calls` : ''),
  ].join('\n');
  return { table, failed: total[5]! + total[6]! + total[7]! + total[8]! > 0 };
}
