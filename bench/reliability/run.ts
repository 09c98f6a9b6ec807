// `npm run reliability [-- --seed N --runs N --capability deploy,canary,env,autoscale,schedule --kill --concurrency N]`:
// the reliability campaign; prints each finding and the summary table, exits 1 on any orphan, wrong exit code or mismatch.
import { parseArgs } from 'node:util';
import { runCampaign, summarize } from './campaign.js';
import { CAPABILITIES, type Capability } from './outcome.js';
import { SCENARIOS } from './scenarios.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    runs: { type: 'string', default: '20' },
    capability: { type: 'string', default: CAPABILITIES.join(',') },
    kill: { type: 'boolean', default: false },
    concurrency: { type: 'string', default: '3' },
    minutes: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(
    'npm run reliability -- [--seed N] [--runs N] [--capability deploy,canary,env,autoscale,schedule] [--kill] [--concurrency N]',
  );
  process.exit(0);
}
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
const runs = Number(values.runs);
const concurrency = Number(values.concurrency);
const asked = values.capability.split(',').map((c) => c.trim());
const unknown = asked.filter((c) => !(CAPABILITIES as readonly string[]).includes(c));
if (!Number.isInteger(seed) || !Number.isInteger(runs) || runs < 1 || !Number.isInteger(concurrency) || concurrency < 1 || unknown.length) {
  console.error(
    `bad arguments: --seed and --runs/--concurrency (>= 1) are integers; --capability is a list of ${CAPABILITIES.join(', ')}` +
      (unknown.length ? ` (got ${unknown.join(', ')})` : ''),
  );
  process.exit(2);
}
const capabilities = asked as Capability[];
const scenarios = capabilities.flatMap((c) => {
  const s = SCENARIOS[c];
  if (!s) console.log(`${c}: no scenario in this campaign (skipped)`);
  return s ? [s] : [];
});
console.log(
  `reliability campaign: seed ${seed}, ${runs} runs of ${scenarios.map((s) => s.capability).join(', ')}${values.kill ? ', kill -9 in every run' : ''}`,
);
// A time budget (--minutes) or Ctrl-C/SIGTERM: no new run starts; the runs going on finish and the summary is printed.
const stop = new AbortController();
const budget = values.minutes === undefined ? undefined : setTimeout(() => stop.abort(), Number(values.minutes) * 60_000);
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.once(sig, () => {
    console.log(`${sig}: no new run starts; waiting for the runs going on`);
    stop.abort();
  });
const result = await runCampaign({
  stop: stop.signal,
  seed,
  runs,
  scenarios,
  kill: values.kill,
  concurrency,
  onRun(o) {
    const mark = o.problems.length ? 'FAIL' : 'ok';
    console.log(`${mark.padEnd(4)} ${o.capability} #${o.index} (${Math.round(o.ms / 1000)} s): ${o.plan}`);
    for (const p of o.problems) console.log(`     ${p.kind}: ${p.detail}`);
  },
});
if (budget) clearTimeout(budget);
if (stop.signal.aborted) console.log(`stopped early (time budget or signal): ${result.outcomes.length} runs done`);
const { table, failed } = summarize(
  result,
  scenarios.map((s) => s.capability),
);
console.log(
  `\n${table}\nreplay: npm run reliability -- --seed ${seed} --runs ${runs} --capability ${capabilities.join(',')}${values.kill ? ' --kill' : ''}`,
);
process.exitCode = failed ? 1 : 0;
