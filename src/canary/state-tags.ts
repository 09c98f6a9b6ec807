// Encodes a release's state as ECS tags on the canary service and reads it back: the only place it is kept.
import type { CanaryState, OperatorRequest, Phase, VerdictSummary } from './canary-state.js';
import { tagSafe, type Tag } from '../ecs/service-tags.js';
import type { CheckStatus } from './check-evaluation.js';

export { tagSafe, type Tag };

export const TAG = {
  release: 'cortado:canary:release',
  phase: 'cortado:canary:phase',
  counters: 'cortado:canary:counters',
  reason: 'cortado:canary:reason',
  analysis: 'cortado:canary:analysis',
  paused: 'cortado:canary:paused',
  request: 'cortado:canary:request',
  lease: 'cortado:canary:lease',
} as const;

/** Keys written for every state (request, paused and lease have their own writers). */
export const STATE_KEYS = [TAG.release, TAG.phase, TAG.counters, TAG.reason, TAG.analysis] as const;

const fields = (value: string): Map<string, string> => {
  const out = new Map<string, string>();
  for (const part of value.split(' ').slice(1)) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i), part.slice(i + 1));
  }
  return out;
};

const int = (m: Map<string, string>, k: string): number => {
  const n = Number(m.get(k));
  return Number.isFinite(n) ? n : 0;
};

function encodePhase(p: Phase): string {
  switch (p.kind) {
    case 'starting':
      return `starting since=${p.since}`;
    case 'progressing':
      return `progressing step=${p.step} set=${p.weightSet ? 1 : 0} since=${p.stepStartedAt} next=${p.nextAnalysisAt} promote=${p.promote ? 1 : 0}`;
    case 'awaiting-promotion':
      return `awaiting-promotion since=${p.since} next=${p.nextAnalysisAt}`;
    case 'promoting':
      return `promoting stage=${p.stage} since=${p.since}`;
    case 'rolling-back':
      return `rolling-back stage=${p.stage} outcome=${p.outcome}`;
    default:
      return p.kind;
  }
}

function decodePhase(value: string, reason: string): Phase | undefined {
  const kind = value.split(' ')[0];
  const f = fields(value);
  switch (kind) {
    case 'deploying':
    case 'pre-rollout':
    case 'succeeded':
      return { kind };
    case 'failed':
    case 'aborted':
      return { kind, reason };
    case 'starting':
      return { kind, since: int(f, 'since') };
    case 'progressing':
      return {
        kind,
        step: int(f, 'step'),
        weightSet: f.get('set') === '1',
        stepStartedAt: int(f, 'since'),
        nextAnalysisAt: int(f, 'next'),
        promote: f.get('promote') === '1',
      };
    case 'awaiting-promotion':
      return { kind, since: int(f, 'since'), nextAnalysisAt: int(f, 'next') };
    case 'promoting': {
      const stage = f.get('stage');
      return stage === 'deploy-stable' || stage === 'wait-stable' || stage === 'scale-down' || stage === 'post-rollout'
        ? { kind, stage, since: int(f, 'since') }
        : undefined;
    }
    case 'rolling-back': {
      const stage = f.get('stage');
      const outcome = f.get('outcome');
      if ((stage !== 'weights' && stage !== 'scale-down') || (outcome !== 'failed' && outcome !== 'aborted')) return undefined;
      return { kind, stage, outcome, reason };
    }
    default:
      return undefined;
  }
}

const STATUSES: readonly CheckStatus[] = ['pass', 'fail', 'no-data'];

function encodeVerdict(v: VerdictSummary): string {
  const checks = v.checks.map(
    (c) => `${tagSafe(c.name, 40).replace(/[ =]/g, '_')}=${c.status}${c.value !== undefined ? `:${Number(c.value.toPrecision(6))}` : ''}`,
  );
  return tagSafe(`${v.status} at=${v.at}${v.requests !== undefined ? ` n=${v.requests}` : ''} ${checks.join(' ')}`);
}

function decodeVerdict(value: string): VerdictSummary | undefined {
  const [status, ...rest] = value.split(' ');
  if (!STATUSES.includes(status as CheckStatus)) return undefined;
  let at = 0;
  let requests: number | undefined;
  const checks: { name: string; status: CheckStatus; value?: number }[] = [];
  for (const part of rest) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const k = part.slice(0, i);
    const v = part.slice(i + 1);
    if (k === 'at') at = Number(v);
    else if (k === 'n') requests = Number(v);
    else {
      const [s, num] = v.split(':');
      if (STATUSES.includes(s as CheckStatus))
        checks.push({ name: k, status: s as CheckStatus, ...(num !== undefined ? { value: Number(num) } : {}) });
    }
  }
  return { status: status as CheckStatus, at, ...(requests !== undefined ? { requests } : {}), checks };
}

export function encodeState(s: CanaryState): Tag[] {
  const reason = s.phase.kind === 'rolling-back' || s.phase.kind === 'failed' || s.phase.kind === 'aborted' ? s.phase.reason : '';
  return [
    { key: TAG.release, value: tagSafe(`${s.releaseId} rev=${s.revision} started=${s.startedAt}`) },
    { key: TAG.phase, value: encodePhase(s.phase) },
    { key: TAG.counters, value: `failed=${s.failedChecks} nodata=${s.noDataStreak}` },
    { key: TAG.reason, value: tagSafe(reason) },
    { key: TAG.analysis, value: s.lastVerdict ? encodeVerdict(s.lastVerdict) : '' },
  ];
}

/** The release recorded on the canary service, or undefined when there has never been one. */
export function decodeState(tags: readonly Tag[]): CanaryState | undefined {
  const get = (k: string) => tags.find((t) => t.key === k)?.value;
  const release = get(TAG.release);
  const phaseValue = get(TAG.phase);
  if (!release || !phaseValue) return undefined;
  const rf = fields(release);
  const phase = decodePhase(phaseValue, get(TAG.reason) ?? '');
  const revision = rf.get('rev');
  if (!phase || !revision) return undefined;
  const counters = fields(`c ${get(TAG.counters) ?? ''}`);
  const verdict = get(TAG.analysis) ? decodeVerdict(get(TAG.analysis)!) : undefined;
  return {
    releaseId: release.split(' ')[0]!,
    revision,
    startedAt: int(rf, 'started'),
    phase,
    failedChecks: int(counters, 'failed'),
    noDataStreak: int(counters, 'nodata'),
    ...(verdict ? { lastVerdict: verdict } : {}),
  };
}

export function encodeRequest(r: OperatorRequest, by: string, at: number): Tag {
  const what = r.kind === 'abort' ? 'abort' : r.skipAnalysis ? 'promote-skip-analysis' : 'promote';
  return { key: TAG.request, value: tagSafe(`${what} by=${by} at=${at}`) };
}

export function decodeRequest(tags: readonly Tag[]): OperatorRequest | undefined {
  const v = tags.find((t) => t.key === TAG.request)?.value.split(' ')[0];
  if (v === 'abort') return { kind: 'abort' };
  if (v === 'promote') return { kind: 'promote', skipAnalysis: false };
  if (v === 'promote-skip-analysis') return { kind: 'promote', skipAnalysis: true };
  return undefined;
}

export const decodePaused = (tags: readonly Tag[]): boolean => tags.find((t) => t.key === TAG.paused)?.value === 'true';
