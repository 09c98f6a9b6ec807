// Pure: the demo's summary table and its checks, from the controller's messages and the load generator's samples.
import { binomialInterval } from '../canary/binomial.js';
import type { Sample } from './load-generator.js';
import { percentile } from './load-summary.js';

export interface WeightChange {
  readonly canary: number;
  /** Just before ModifyRule was sent, and once it had answered. */
  readonly requestedAt: number;
  readonly at: number;
}

export interface ReleaseRecord {
  readonly name: string;
  readonly stableVersion: string;
  readonly canaryVersion: string;
  readonly outcome: string;
  readonly reason?: string;
  readonly changes: readonly WeightChange[];
  readonly startedAt: number;
  readonly endedAt: number;
}

export interface StepRow {
  readonly release: string;
  readonly setCanary: number;
  readonly requests: number;
  /** Requests in the window that got no answer from either version (connection errors, the load balancer's own errors). */
  readonly unanswered: number;
  readonly canaryRequests: number;
  readonly observedCanary: number;
  readonly interval: { readonly lo: number; readonly hi: number };
  /** Undefined after a promotion: both services then run the same version, so answers cannot tell them apart. */
  readonly withinInterval: boolean | undefined;
  readonly canarySuccess?: number | undefined;
  readonly canaryP99Ms?: number | undefined;
  readonly decision: string;
}

export interface DemoChecks {
  readonly promoted: boolean;
  readonly rolledBack: boolean;
  readonly splitsWithinInterval: boolean;
  /** 5xx answered by the stable side, or by the load balancer itself, during either release. */
  readonly stable5xx: number;
  /** Requests answered by the rolled-back version after the rollback's 100/0 was in place. */
  readonly rolledBackAfter: number;
  readonly ok: boolean;
}

const p99 = (xs: number[]): number | undefined => percentile(xs, 99);

/** One row per weight the release set: the samples answered entirely between that change and the next one. */
export function stepRows(r: ReleaseRecord, samples: readonly Sample[]): StepRow[] {
  const rows: StepRow[] = [];
  r.changes.forEach((c, i) => {
    const next = r.changes[i + 1];
    const end = next ? next.requestedAt : r.endedAt;
    const all = samples.filter((s) => s.sentAt >= c.at && s.doneAt < end);
    const window = all.filter((s) => s.version !== undefined);
    const canary = window.filter((s) => s.version === r.canaryVersion);
    const n = window.length;
    const sameVersion = !next && c.canary === 0 && r.outcome === 'succeeded';
    const interval = binomialInterval(n, c.canary / 100);
    const ok = canary.filter((s) => s.status < 500);
    const decision = !next
      ? c.canary === 0
        ? r.outcome === 'succeeded'
          ? `stable runs ${r.canaryVersion} (both sides ${r.canaryVersion})`
          : 'stable only, after the rollback'
        : r.outcome
      : next.canary > c.canary
        ? 'passed, next step'
        : r.outcome === 'succeeded'
          ? 'passed, promoted'
          : `rolled back: ${r.reason ?? ''}`;
    rows.push({
      release: r.name,
      setCanary: c.canary,
      requests: n,
      unanswered: all.length - n,
      canaryRequests: canary.length,
      observedCanary: n ? (100 * canary.length) / n : 0,
      interval,
      withinInterval: sameVersion ? undefined : canary.length >= interval.lo && canary.length <= interval.hi,
      ...(canary.length ? { canarySuccess: (100 * ok.length) / canary.length } : {}),
      ...(canary.length ? { canaryP99Ms: p99(canary.map((s) => s.latencyMs)) } : {}),
      decision,
    });
  });
  return rows;
}

export function demoChecks(releases: readonly ReleaseRecord[], samples: readonly Sample[]): DemoChecks {
  const rows = releases.flatMap((r) => stepRows(r, samples));
  const promoted = releases.some((r) => r.outcome === 'succeeded');
  const failed = releases.filter((r) => r.outcome === 'failed');
  let stable5xx = 0;
  for (const r of releases) {
    stable5xx += samples.filter(
      (s) => s.sentAt >= r.startedAt && s.sentAt <= r.endedAt && s.status >= 500 && s.version !== r.canaryVersion,
    ).length;
  }
  let rolledBackAfter = 0;
  for (const r of failed) {
    const back = [...r.changes].reverse().find((c) => c.canary === 0);
    if (back) rolledBackAfter += samples.filter((s) => s.sentAt >= back.at && s.version === r.canaryVersion).length;
  }
  const splitsWithinInterval = rows.every((row) => row.withinInterval !== false);
  return {
    promoted,
    rolledBack: failed.length > 0,
    splitsWithinInterval,
    stable5xx,
    rolledBackAfter,
    ok: promoted && failed.length > 0 && splitsWithinInterval && stable5xx === 0 && rolledBackAfter === 0,
  };
}

/** The summary's columns and cells (the terminal lays them out; see cli/commands/demo.ts). */
export const SUMMARY_HEADERS = ['release', 'set', 'observed (n)', 'interval', 'success', 'p99', 'decision'] as const;

export function summaryCells(rows: readonly StepRow[]): string[][] {
  return rows.map((r) => [
    r.release,
    `${r.setCanary}%`,
    r.withinInterval === undefined ? `- (${r.requests})` : `${r.observedCanary.toFixed(1)}% (${r.canaryRequests}/${r.requests})`,
    r.withinInterval === undefined ? 'n/a' : `${r.interval.lo}..${r.interval.hi} ${r.withinInterval ? 'ok' : 'OUT'}`,
    r.canarySuccess === undefined ? '-' : `${r.canarySuccess.toFixed(1)}%`,
    r.canaryP99Ms === undefined ? '-' : `${r.canaryP99Ms} ms`,
    r.decision,
  ]);
}

/** The summary as tab-separated lines (for the JSON result and for scripts: a terminal gets a fitted table instead). */
export function renderSummary(releases: readonly ReleaseRecord[], samples: readonly Sample[]): string {
  const rows = releases.flatMap((r) => stepRows(r, samples));
  return [[...SUMMARY_HEADERS], ...summaryCells(rows)].map((cells) => cells.join('\t')).join('\n');
}
