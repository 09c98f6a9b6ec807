// Every action through the server, to CloudWatch Logs (one stream per application) and back out for the API's `audit` list.
import type { AwsClients } from '../aws/aws-clients.js';
import type { Clock } from '../core/clock.js';
import { msg, type IoHost } from '../core/io-host.js';

export interface AuditEntry {
  readonly app: string;
  readonly who: string;
  readonly action: string;
  readonly at: number;
  /** An IP address, or `slack:<user id>`. */
  readonly from: string;
  readonly outcome?: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  recent(app: string, limit?: number): Promise<AuditEntry[]>;
}

const streamOf = (app: string) => `app-${app}`;
const errName = (e: unknown) => (e as { name?: string }).name;

export function createAuditLog(aws: AwsClients, logGroup: string, io: IoHost, clock: Clock): AuditLog {
  const ready = new Map<string, Promise<void>>();
  let group: Promise<void> | undefined;
  const ensure = (app: string): Promise<void> => {
    group ??= (async () => {
      const logs = await aws.logs();
      await logs.createLogGroup({ logGroupName: logGroup }).catch((e: unknown) => {
        if (errName(e) !== 'ResourceAlreadyExistsException') throw e;
      });
    })();
    let p = ready.get(app);
    if (!p) {
      p = group.then(async () => {
        const logs = await aws.logs();
        await logs.createLogStream({ logGroupName: logGroup, logStreamName: streamOf(app) }).catch((e: unknown) => {
          if (errName(e) !== 'ResourceAlreadyExistsException') throw e;
        });
      });
      p.catch(() => {
        ready.delete(app);
        group = undefined;
      });
      ready.set(app, p);
    }
    return p;
  };
  return {
    async record(entry) {
      io.notify(msg('info', 'SERVER_AUDIT', `${entry.who} from ${entry.from}: ${entry.action} ${entry.app}`, entry));
      try {
        await ensure(entry.app);
        const logs = await aws.logs();
        await logs.putLogEvents({
          logGroupName: logGroup,
          logStreamName: streamOf(entry.app),
          logEvents: [{ timestamp: clock.now().getTime(), message: JSON.stringify(entry) }],
        });
      } catch (e) {
        io.notify(msg('warn', 'SERVER_AUDIT_FAILED', `audit to ${logGroup} failed: ${(e as Error).message}`, entry));
      }
    },
    async recent(app, limit = 20) {
      try {
        const logs = await aws.logs();
        const out = await logs.getLogEvents({ logGroupName: logGroup, logStreamName: streamOf(app), startFromHead: false, limit });
        return (out.events ?? [])
          .map((e) => {
            try {
              return JSON.parse(e.message ?? '') as AuditEntry;
            } catch {
              return undefined;
            }
          })
          .filter((e): e is AuditEntry => e !== undefined)
          .reverse();
      } catch {
        return [];
      }
    },
  };
}
