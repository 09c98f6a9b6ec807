// What the schedule library works with: the session's seams, host, clock and signal, the cluster and service, and the jobs.
import type { AwsClients } from '../aws/aws-clients.js';
import type { Clock } from '../core/clock.js';
import type { IoHost } from '../core/io-host.js';
import type { Session } from '../session/index.js';
import type { SchedulesSpec } from './job-spec.js';
import { sessionSchedules } from './schedules-section.js';

export interface SchedulesDeps {
  readonly aws: AwsClients;
  readonly io: IoHost;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly cluster: string;
  readonly service?: string;
  readonly spec: SchedulesSpec;
  readonly timeoutMs: number;
  readonly pollIntervalMs: number;
}

export async function openSchedules(session: Session, file?: string): Promise<SchedulesDeps> {
  const spec = await sessionSchedules(session, file);
  return {
    aws: session.aws,
    io: session.io,
    clock: session.clock,
    signal: session.signal,
    cluster: session.config.cluster,
    ...(session.config.service ? { service: session.config.service } : {}),
    spec,
    timeoutMs: session.timeoutMs,
    pollIntervalMs: session.pollIntervalMs,
  };
}
