// The README's first command: v1 stable behind an ALB under load, v2 released step by step and promoted, v3 (30% errors) rolled back.
import { createAwsClients } from '../aws/aws-clients.js';
import type { Clock } from '../core/clock.js';
import { msg, type IoHost, type IoMessage } from '../core/io-host.js';
import { startRelease } from '../canary/canary-release.js';
import { readCanaryStatus, type CanaryStatusView } from '../canary/canary-status.js';
import { parseCanaryConfig } from '../canary/config/canary-config.js';
import { openRelease, type OpenRelease } from '../canary/open-release.js';
import { createDemoStack, listenerUrl } from './demo-stack.js';
import {
  demoChecks,
  renderSummary,
  stepRows,
  type DemoChecks,
  type ReleaseRecord,
  type StepRow,
  type WeightChange,
} from './demo-summary.js';
import { startLoad, type Sample } from './load-generator.js';

export interface CanaryDemoOptions {
  readonly endpoint: string;
  readonly region: string;
  readonly io: IoHost;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  /** Called about once a second with the live status (what `cortado canary status --watch` shows). */
  readonly onFrame?: (view: CanaryStatusView, release: string) => void;
  /** Requests per second on the listener (default 200). */
  readonly rate?: number;
}

export interface CanaryDemoResult {
  readonly releases: readonly ReleaseRecord[];
  readonly rows: readonly StepRow[];
  readonly checks: DemoChecks;
  readonly summary: string;
  readonly requests: number;
}

/** The demo's canary: short intervals (the sandbox publishes ALB metrics per second), the usual 5 → 25 → 50 → 100 steps. */
export const DEMO_CANARY = {
  steps: [5, 25, 50, 100],
  interval: '6s',
  analysis_interval: '1500ms',
  threshold: 2,
  min_requests: 20,
  no_data_limit: 4,
  metric_period: 1,
  canary_tasks: 1,
  poll: '250ms',
  lease: '10s',
  deploy_timeout: '60s',
  metrics: [
    { name: 'success-rate', min: 99 },
    { name: 'latency', percentile: 99, max: 500 },
  ],
} as const;

export async function runCanaryDemo(o: CanaryDemoOptions): Promise<CanaryDemoResult> {
  const { io, clock, signal } = o;
  const clients = createAwsClients(
    { region: o.region, endpoint: o.endpoint, maxAttempts: 3, credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' } },
    {},
  );
  const stack = await createDemoStack(clients, { name: 'shop', image: 'cortado/demo-app:v1', stableTasks: 2 }, io, clock, signal);
  const url = await listenerUrl(o.endpoint, stack.listenerArn, signal);
  const load = startLoad(url, o.rate ?? 200, 8);
  io.notify(msg('info', 'DEMO_LOAD', `continuous load: ${o.rate ?? 200} requests/s on ${url} (the ALB listener)`));
  const spec = parseCanaryConfig({ ...DEMO_CANARY, service: stack.canaryService, listener_rule: stack.ruleArn }, stack.stableService);
  const changes: WeightChange[] = [];
  const recorder: IoHost = {
    notify(m: IoMessage) {
      if (m.code === 'CANARY_WEIGHTS_SET') {
        const d = m.data as { canary: number; requestedAt: number; at: number };
        changes.push({ canary: d.canary, requestedAt: d.requestedAt, at: d.at });
      }
      io.notify(m);
    },
  };
  let release: OpenRelease | undefined;
  const releases: ReleaseRecord[] = [];
  try {
    release = await openRelease({ cluster: stack.cluster, stableService: stack.stableService, spec }, clients, recorder, clock, 'demo');
    await clock.sleep(2000, signal);
    const plan: readonly { name: string; stable: string; tag: string; env: Readonly<Record<string, string>> }[] = [
      { name: 'v2', stable: 'v1', tag: 'v2', env: {} },
      { name: 'v3 (ERROR_RATE=0.3)', stable: 'v2', tag: 'v3', env: { ERROR_RATE: '0.3' } },
    ];
    for (const p of plan) {
      changes.length = 0;
      const startedAt = clock.now().getTime();
      io.notify(msg('info', 'DEMO_RELEASE', `releasing ${p.name}: stable runs ${p.stable}`));
      const frames = watch(release, p.name, o);
      const out = await startRelease(
        release.target,
        release.deps,
        { kind: 'change', change: { image: { kind: 'tag', tag: p.tag }, env: p.env } },
        signal,
      ).finally(() => frames.stop());
      await frames.done;
      // Keep the load on a moment, so "after the rollback nothing reaches v3" is measured, not assumed.
      await clock.sleep(1500, signal);
      releases.push({
        name: p.name,
        stableVersion: p.stable,
        canaryVersion: p.tag,
        outcome: out.state?.outcome ?? 'unknown',
        ...(out.state?.reason ? { reason: out.state.reason } : {}),
        changes: [...changes],
        startedAt,
        endedAt: clock.now().getTime(),
      });
      io.notify(
        msg(
          out.state?.outcome === 'succeeded' ? 'info' : 'warn',
          'DEMO_RELEASE_DONE',
          `${p.name}: ${out.state?.outcome}${out.state?.reason ? ` — ${out.state.reason}` : ''}`,
        ),
      );
    }
  } finally {
    await load.stop();
    clients.close?.();
  }
  const samples: readonly Sample[] = load.samples;
  return {
    releases,
    rows: releases.flatMap((r) => stepRows(r, samples)),
    checks: demoChecks(releases, samples),
    summary: renderSummary(releases, samples),
    requests: samples.length,
  };
}

/** Reads the live status once a second while a release runs, and once more when it has ended, for the screen. */
function watch(r: OpenRelease, name: string, o: CanaryDemoOptions): { stop(): void; done: Promise<void> } {
  if (!o.onFrame) return { stop() {}, done: Promise.resolve() };
  const ctl = new AbortController();
  const signal = AbortSignal.any([ctl.signal, o.signal]);
  const images = new Map<string, readonly string[]>();
  const done = (async () => {
    while (!signal.aborted) {
      try {
        o.onFrame!(await readCanaryStatus(r.target, r.deps, signal, images), name);
        await o.clock.sleep(1000, signal);
      } catch {
        if (signal.aborted) break;
        await o.clock.sleep(1000, signal).catch(() => undefined);
      }
    }
    // Stopped because the release ended: one last read, so the last frame shows the outcome.
    if (!o.signal.aborted) o.onFrame!(await readCanaryStatus(r.target, r.deps, o.signal, images), name);
  })().catch(() => undefined);
  return { stop: () => ctl.abort(), done };
}
