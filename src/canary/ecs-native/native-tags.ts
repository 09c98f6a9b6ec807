// Encodes an ECS-native release's state as tags on its service (the deployment itself stays ECS's record).
import type { VerdictSummary } from '../canary-state.js';
import { decodeState, encodeState, TAG, tagSafe, type Tag } from '../state-tags.js';
import type { NativePhase, NativeState } from './native-state.js';

export const NATIVE_TAG = { deployment: 'cortado:canary:deployment', native: 'cortado:canary:native' } as const;

function fields(v: string): Map<string, string> {
  return new Map(
    v
      .split(' ')
      .map((p) => p.split('=') as [string, string])
      .filter((kv) => kv.length === 2),
  );
}

export function encodeNativeState(s: NativeState): Tag[] {
  const p = s.phase;
  // The shared encoder carries release, counters, reason and the verdict; the phase itself is native.
  const shared = encodeState({
    releaseId: s.releaseId,
    revision: s.revision,
    startedAt: s.startedAt,
    failedChecks: s.failedChecks,
    noDataStreak: s.noDataStreak,
    phase:
      p.kind === 'running'
        ? { kind: 'deploying' }
        : p.kind === 'rolling-back'
          ? { kind: 'rolling-back', stage: 'scale-down', outcome: p.outcome, reason: p.reason }
          : p,
    ...(s.lastVerdict ? { lastVerdict: s.lastVerdict } : {}),
  }).filter((t) => t.key !== TAG.phase);
  const phase = p.kind === 'rolling-back' ? `native-rolling-back outcome=${p.outcome}` : p.kind === 'running' ? 'native-running' : p.kind;
  return [
    ...shared,
    { key: TAG.phase, value: phase },
    { key: NATIVE_TAG.deployment, value: tagSafe(s.deploymentArn) },
    {
      key: NATIVE_TAG.native,
      value: tagSafe(
        `w=${s.weight} since=${s.weightSince} next=${s.nextAnalysisAt} pre=${s.preRolloutDone ? 1 : 0}${s.answeredHook ? ` hook=${s.answeredHook}` : ''}`,
      ),
    },
  ];
}

export function decodeNativeState(tags: readonly Tag[]): NativeState | undefined {
  const get = (k: string) => tags.find((t) => t.key === k)?.value;
  const phaseValue = get(TAG.phase) ?? '';
  const dep = get(NATIVE_TAG.deployment);
  if (!dep) return undefined;
  const reason = get(TAG.reason) ?? '';
  const kind = phaseValue.split(' ')[0];
  const outcome = fields(phaseValue).get('outcome');
  const phase: NativePhase | undefined =
    kind === 'native-running'
      ? { kind: 'running' }
      : kind === 'native-rolling-back' && (outcome === 'failed' || outcome === 'aborted')
        ? { kind: 'rolling-back', outcome, reason }
        : kind === 'succeeded'
          ? { kind }
          : kind === 'failed' || kind === 'aborted'
            ? { kind, reason }
            : undefined;
  // The shared decoder needs a phase it knows; the release fields are what is read from it.
  const base = decodeState(tags.map((t) => (t.key === TAG.phase ? { key: t.key, value: 'deploying' } : t)));
  if (!phase || !base) return undefined;
  const n = fields(get(NATIVE_TAG.native) ?? '');
  const num = (k: string) => Number(n.get(k) ?? 0) || 0;
  const verdict: VerdictSummary | undefined = base.lastVerdict;
  return {
    releaseId: base.releaseId,
    revision: base.revision,
    startedAt: base.startedAt,
    deploymentArn: dep,
    phase,
    weight: num('w'),
    weightSince: num('since'),
    nextAnalysisAt: num('next'),
    preRolloutDone: n.get('pre') === '1',
    ...(n.get('hook') ? { answeredHook: n.get('hook')! } : {}),
    failedChecks: base.failedChecks,
    noDataStreak: base.noDataStreak,
    ...(verdict ? { lastVerdict: verdict } : {}),
  };
}
