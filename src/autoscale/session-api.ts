// The autoscaler as functions over a session: what every host (CLI, HTTP server) calls — the config's autoscale: section, the session's seams.
import { defaultOwner } from '../ecs/tag-lease.js';
import type { Session } from '../session/index.js';
import { autoscaleAws } from './autoscale-aws.js';
import { explain as explainNow, readStatus, type AutoscaleStatus, type Explanation } from './autoscale-report.js';
import type { AutoscaleSpec } from './autoscale-spec.js';
import { sessionAutoscaleSpec } from './config/autoscale-section.js';
import { runController } from './controller.js';
import type { PollRecord } from './poll-record.js';

/** The spec first (bad config fails before any AWS call), then the seams. */
async function open(session: Session) {
  const spec = sessionAutoscaleSpec(session);
  const aws = await autoscaleAws(session.aws, spec.source.kind);
  return { spec, deps: { aws, clock: session.clock, io: session.io, owner: defaultOwner() } };
}

/** Checks the section without any AWS call (the commands do this before opening anything). */
export const spec = (session: Session): AutoscaleSpec => sessionAutoscaleSpec(session);

/** Runs the controller until the session's signal aborts (Ctrl-C): the lease is given back and AAS resumed on the way out. */
export async function run(session: Session, onPoll: (r: PollRecord) => void, owner?: string): Promise<never> {
  const o = await open(session);
  return runController(o.spec, { ...o.deps, ...(owner ? { owner } : {}), onPoll }, session.signal);
}

export async function status(session: Session): Promise<AutoscaleStatus> {
  const o = await open(session);
  return readStatus(o.spec, o.deps, session.signal);
}

export async function explain(session: Session): Promise<Explanation> {
  const o = await open(session);
  return explainNow(o.spec, o.deps, session.signal);
}
