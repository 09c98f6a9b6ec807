// How the autoscaler is shown: a poll as a few lines (load per task, desired vs running, the decision), status and explain as blocks.
import type { AutoscaleStatus, Explanation } from '../../autoscale/autoscale-report.js';
import type { PollRecord } from '../../autoscale/poll-record.js';
import type { PollView } from '../../autoscale/observe.js';
import { palette } from '../terminal/color.js';

const num = (n: number | undefined): string => (n === undefined ? '-' : String(Math.round(n * 10) / 10));
const clockTime = (ms: number): string => new Date(ms).toISOString().slice(11, 19);

function taskLines(v: PollView, width = 6): string[] {
  const lines = v.tasks
    .slice(0, 60)
    .map(
      (t) =>
        `  ${t.taskId.slice(0, 12).padEnd(12)} ${t.address.padEnd(15)} ${t.load !== undefined ? num(t.load).padStart(width) : `- (${t.error})`}${t.service !== v.service.name ? `  [${t.service}]` : ''}`,
    );
  if (v.tasks.length > 60) lines.push(`  … ${v.tasks.length - 60} more`);
  return lines;
}

export function countsLine(v: PollView): string {
  const s = v.service;
  const canary = v.canary ? `; canary ${v.canary.name} ${v.canary.running}/${v.canary.desired}` : '';
  return `${s.name}: desired ${s.desired}, running ${s.running}, pending ${s.pending}${s.deploying ? ' (deploying)' : ''}${canary}`;
}

export function loadLine(v: PollView): string {
  const answered = v.tasks.filter((t) => t.load !== undefined).length;
  const of = v.tasks.length ? ` from ${answered}/${v.tasks.length} tasks` : '';
  return `load ${num(v.load)} ${v.unit}${of}${v.missing && v.tasks.length ? `, ${v.missing} unknown` : ''}${v.sourceError ? ` (${v.sourceError})` : ''}`;
}

/** The live frame: who acts, the counts, the load per task, and the last decisions. */
export function renderFrame(r: PollRecord, decisions: readonly string[], color: boolean): string[] {
  if (r.role.kind === 'standby')
    return [`standby: ${r.role.holder} holds the lease until ${clockTime(r.role.until)}; taking over when it lapses`, ...decisions];
  const out: string[] = [];
  if (r.view) out.push(countsLine(r.view), loadLine(r.view), ...taskLines(r.view));
  if (r.decision)
    out.push(
      `${clockTime(r.at)} ${r.decision.kind === 'scale' ? palette(color).bold(`scale ${r.decision.from} → ${r.decision.to}`) : `hold ${r.decision.count}`}: ${r.decision.why}`,
    );
  if (r.error) out.push(palette(color).yellow(`poll failed: ${r.error}; backing off ${Math.round((r.backoffMs ?? 0) / 100) / 10} s`));
  if (decisions.length) out.push('last decisions:', ...decisions.map((d) => `  ${d}`));
  return out;
}

/** A decision worth keeping in the view's history: every scale. */
export function decisionEntry(r: PollRecord): string | undefined {
  if (r.decision?.kind !== 'scale') return undefined;
  return `${clockTime(r.at)} ${r.decision.from} → ${r.decision.to}: ${r.decision.why}`;
}

export function renderStatus(s: AutoscaleStatus): string {
  const lines = [
    countsLine(s.view),
    `source ${s.source.kind}, target ${s.target} per task, bounds ${s.min}–${s.max}`,
    loadLine(s.view),
    ...taskLines(s.view),
  ];
  lines.push(
    s.controller
      ? `controller: ${s.controller.owner} ${s.controller.live ? `holds the lease until ${new Date(s.controller.until).toISOString()}` : '(lease lapsed: none running)'}`
      : 'controller: none running',
  );
  const a = s.applicationAutoScaling;
  lines.push(
    a
      ? `Application Auto Scaling: min ${a.min}, max ${a.max}, dynamic scaling ${a.dynamicScalingSuspended ? `suspended${a.suspendedByCortado ? ' by cortado' : ''}` : 'active'}`
      : 'Application Auto Scaling: no scalable target',
  );
  return lines.join('\n');
}

export function renderExplanation(e: Explanation): string {
  const d = e.decision;
  const verdict = d.kind === 'scale' ? `would scale ${d.from} → ${d.to}` : `would hold at ${d.count}`;
  return `${renderStatus(e)}\n${verdict}: ${d.why}\n(${e.assumption})`;
}
