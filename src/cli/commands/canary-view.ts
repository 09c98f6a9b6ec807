// Renders a canary status view for the terminal (pure: the same view always renders the same text), with short resource names.
import type { CanaryStatusView } from '../../canary/canary-status.js';
import { formatBounds } from '../../canary/check-evaluation.js';
import type { ReleaseSummary } from '../../canary/release-summary.js';
import { palette, type Palette } from '../terminal/color.js';
import { shortenArns, shortName } from '../terminal/resource-name.js';
import { padEnd, padStart } from '../terminal/truncate.js';

const time = (ms: number) => new Date(ms).toISOString().slice(11, 19);
const num = (v: number | undefined, digits = 1) => (v === undefined ? '-' : Math.abs(v) >= 1000 ? v.toFixed(0) : v.toFixed(digits));

function outcomeStyle(p: Palette, r: ReleaseSummary) {
  return r.outcome === 'succeeded' ? p.green : r.outcome === 'in-progress' ? p.cyan : p.red;
}

export function releaseLine(r: ReleaseSummary | undefined, steps: readonly number[], p: Palette = palette(false)): string {
  if (!r) return 'no release recorded';
  const step = r.step !== undefined ? `, step ${r.step + 1}/${steps.length} (${steps[r.step]}%)` : '';
  return `release ${r.releaseId}: ${outcomeStyle(p, r)(r.phase)}${step}${r.reason ? ` — ${shortenArns(r.reason)}` : ''}`;
}

export interface StatusRenderOptions {
  /** Colour the phase and each check (only when the output is a terminal that wants colour). */
  readonly color?: boolean;
}

export function renderStatus(v: CanaryStatusView, service: string, opts: StatusRenderOptions = {}): string {
  const p = palette(opts.color ?? false);
  const r = v.release;
  const lines = [
    `${p.bold(`canary ${service}`)} (router ${v.router})  ${releaseLine(r, v.steps, p)}${v.paused ? p.yellow('  [PAUSED]') : ''}${v.request ? `  [${v.request.kind} requested]` : ''}`,
  ];
  if (r) lines.push(`  revision   ${shortName(r.revision)}`);
  if (v.steps.length) lines.push(`  steps      ${v.steps.map((s, i) => (r?.step === i ? p.bold(`[${s}%]`) : `${s}%`)).join(' → ')}`);
  const o = v.observed;
  const obs =
    o && o.canaryShare !== undefined
      ? `observed canary ${o.canaryShare.toFixed(1)}% of ${o.stableRequests + o.canaryRequests} requests (${Math.round((o.window.end - o.window.start) / 1000)} s)`
      : 'observed: no requests in the window';
  const running = (role: 'stable' | 'canary') => v.services.find((s) => s.role === role)?.running ?? 0;
  // Router tasks has no requests to count: its weights are the running tasks' share.
  if (v.router === 'tasks')
    lines.push(
      `  tasks      running stable ${running('stable')} / canary ${running('canary')}   canary share ${num(v.weights?.canary, 0)}%`,
    );
  else lines.push(`  weights    set stable ${num(v.weights?.stable, 0)}% / canary ${num(v.weights?.canary, 0)}%   ${obs}`);
  if (o) lines.push(`  errors     stable ${o.stableErrors} / canary ${o.canaryErrors} (5xx and connection errors)`);
  const width = Math.max(8, ...v.metrics.map((m) => m.name.length));
  v.metrics.forEach((m, i) => {
    const value = m.value === undefined ? '-' : num(m.value, 2);
    const status = (m.status === 'pass' ? p.green : m.status === 'fail' ? p.red : p.yellow)(m.status);
    lines.push(
      `  ${i === 0 ? 'metrics' : '       '}    ${padEnd(m.name, width)} ${padStart(value, 9)}  ${padEnd(formatBounds(m.bounds), 12)} ${status}${m.status !== 'pass' && m.reason ? `: ${shortenArns(m.reason)}` : ''}`,
    );
  });
  if (r)
    lines.push(
      `  analyses   failed ${r.failedChecks} (cumulative), no data ${r.noDataStreak} in a row; last: ${r.lastVerdict ? `${r.lastVerdict.status} at ${time(r.lastVerdict.at)}` : 'none yet'}`,
    );
  for (const s of v.services)
    lines.push(
      `  ${padEnd(s.role, 10)} ${shortName(s.name)}  ${s.running}/${s.desired} running${s.pending ? `, ${s.pending} pending` : ''}  ${s.images.join(', ')}`,
    );
  if (v.lastAction)
    lines.push(`  last action ${v.lastAction.action} by ${v.lastAction.who} from ${v.lastAction.from} at ${time(v.lastAction.at)}`);
  if (v.controller)
    lines.push(
      `  controller ${v.controller.owner} (${v.controller.live ? `lease until ${time(v.controller.until)}` : 'stopped; `cortado canary resume` continues'})`,
    );
  if (v.events.length) {
    lines.push('  events');
    for (const e of v.events) lines.push(`    ${time(e.at)} ${shortenArns(e.message)}`);
  }
  return lines.join('\n');
}
