// Baseline comparison figures: false-failure rate of an equal canary and detection rate of slower ones, over seeded simulations.
import { judge } from '../src/canary/judge/judge-score.js';
import { JUDGE_DEFAULTS, type JudgeSpec } from '../src/canary/judge/judge-spec.js';
import { periodMeans, seeded, WEB_SERVICE } from '../test/canary/judge/latency-simulation.js';
import type { BenchFigure } from './run.js';

export const title = 'Canary judge: Mann-Whitney verdicts over simulated log-normal latencies (60 one-second periods per side)';

const RUNS = 2000;
const spec: JudgeSpec = {
  ...JUDGE_DEFAULTS,
  metrics: [{ name: 'latency', direction: 'increase', critical: true, allowedEffect: JUDGE_DEFAULTS.allowedEffect }],
};

function failShare(slowdown: number, seedBase: number): number {
  let fails = 0;
  for (let seed = 1; seed <= RUNS; seed++) {
    const rand = seeded(seed * seedBase);
    const baseline = periodMeans(rand, WEB_SERVICE, 60);
    const canary = periodMeans(rand, WEB_SERVICE, 60, slowdown);
    if (judge(spec, { latency: { canary, baseline } }).status !== 'pass') fails++;
  }
  return fails / RUNS;
}

export async function run(): Promise<readonly BenchFigure[]> {
  const note = `${RUNS} seeded runs, confidence ${spec.confidence}, allowed effect +${JUDGE_DEFAULTS.allowedEffect * 100}%`;
  return [
    { name: 'false-failure rate, canary equal to baseline', value: 100 * failShare(1, 104_729), unit: '%', note },
    { name: 'failure rate, canary 10% slower', value: 100 * failShare(1.1, 7919), unit: '%', note },
    { name: 'failure rate, canary 20% slower', value: 100 * failShare(1.2, 7919), unit: '%', note },
    { name: 'failure rate, canary 30% slower', value: 100 * failShare(1.3, 7919), unit: '%', note },
  ];
}
