// Who last acted on a release (promote, abort, pause, resume, start) and from where, kept in a tag on the tagged service.
import { tagSafe, type Tag } from '../ecs/service-tags.js';

export const ACTION_TAG = 'cortado:canary:action';

export interface ReleaseAction {
  readonly action: string;
  readonly who: string;
  /** Where the request came from: an IP address, `slack:U123`, `cli`. */
  readonly from: string;
  readonly at: number;
}

/** Who acts through a host (the HTTP API, Slack) on a release: recorded with the change the action makes, in the same write. */
export interface Actor {
  readonly who: string;
  readonly from: string;
}

const word = (s: string) => tagSafe(s, 60).replace(/[ =]/g, '_');

export const encodeAction = (a: ReleaseAction): Tag => ({
  key: ACTION_TAG,
  value: tagSafe(`${word(a.action)} by=${word(a.who)} from=${word(a.from)} at=${a.at}`),
});

export function decodeAction(tags: readonly Tag[]): ReleaseAction | undefined {
  const v = tags.find((t) => t.key === ACTION_TAG)?.value;
  if (!v) return undefined;
  const [action, ...rest] = v.split(' ');
  const f = new Map(rest.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] as const));
  const at = Number(f.get('at'));
  if (!action || !f.get('by') || !Number.isFinite(at)) return undefined;
  return { action, who: f.get('by')!, from: f.get('from') ?? '', at };
}

/** The action tag for `action` by `actor` at `at`, or nothing when no actor is named (the CLI records none). */
export const actorTags = (actor: Actor | undefined, action: string, at: number): Tag[] =>
  actor ? [encodeAction({ action, who: actor.who, from: actor.from, at })] : [];
