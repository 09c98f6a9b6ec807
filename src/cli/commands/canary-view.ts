// Renders a canary status view for the terminal (pure: the same view always renders the same text).
import type { CanaryStatusView } from '../../canary/canary-status.js';
import { formatBounds } from '../../canary/check-evaluation.js';
import type { ReleaseSummary } from '../../canary/release-summary.js';

const time = (ms: number) => new Date(ms).toISOString().slice(11, 19);
const num = (v: number | undefined, digits = 1) => (v === undefined ? '-' : Math.abs(v) >= 1000 ? v.toFixed(0) : v.toFixed(digits));

export function releaseLine(r: ReleaseSummary | undefined, steps: readonly number[]): string {
  if (!r) return 'no release recorded';
  const step = r.step !== undefined ? `, step ${r.step + 1}/${steps.length} (${steps[r.step]}%)` : '';
  return `release ${r.releaseId}: ${r.phase}${step}${r.reason ? ` — ${r.reason}` : ''}`;
}

export function renderStatus(v: CanaryStatusView, service: string): string {
  const r = v.release;
  const lines = [`canary ${service} (router ${v.router})  ${releaseLine(r, v.steps)}${v.paused ? '  [PAUSED]' : ''}${v.request ? `  [${v.request.kind} requested]` : ''}`];
  if (r) lines.push(`  revision   ${r.revision}`);
  if (v.steps.length) lines.push(`  steps      ${v.steps.map((s, i) => (r?.step === i ? `[${s}%]` : `${s}%`)).join(' → ')}`);
  const o = v.observed;
  const obs = o && o.canaryShare !== undefined
    ? `observed canary ${o.canaryShare.toFixed(1)}% of ${o.stableRequests + o.canaryRequests} requests (${Math.round((o.window.end - o.window.start) / 1000)} s)`
    : 'observed: no requests in the window';
  lines.push(`  weights    set stable ${num(v.weights?.stable, 0)}% / canary ${num(v.weights?.canary, 0)}%   ${obs}`);
  if (o) lines.push(`  errors     stable ${o.stableErrors} / canary ${o.canaryErrors} (5xx and connection errors)`);
  const width = Math.max(8, ...v.metrics.map((m) => m.name.length));
  v.metrics.forEach((m, i) => {
    const value = m.value === undefined ? '-' : num(m.value, 2);
    lines.push(`  ${i === 0 ? 'metrics' : '       '}    ${m.name.padEnd(width)} ${value.padStart(9)}  ${formatBounds(m.bounds).padEnd(12)} ${m.status}${m.status !== 'pass' && m.reason ? `: ${m.reason}` : ''}`);
  });
  if (r) lines.push(`  analyses   failed ${r.failedChecks} (cumulative), no data ${r.noDataStreak} in a row; last: ${r.lastVerdict ? `${r.lastVerdict.status} at ${time(r.lastVerdict.at)}` : 'none yet'}`);
  for (const s of v.services) lines.push(`  ${s.role.padEnd(10)} ${s.name}  ${s.running}/${s.desired} running${s.pending ? `, ${s.pending} pending` : ''}  ${s.images.join(', ')}`);
  if (v.controller) lines.push(`  controller ${v.controller.owner} (${v.controller.live ? `lease until ${time(v.controller.until)}` : 'stopped; `cortado canary resume` continues'})`);
  if (v.events.length) {
    lines.push('  events');
    for (const e of v.events) lines.push(`    ${time(e.at)} ${e.message}`);
  }
  return lines.join('\n');
}
