// `cortado demo --keep`: a stable service (v1) behind the sandbox's ALB under load, and a cortado.yml ready for `canary setup`.
import { Document, isSeq } from 'yaml';
import { createAwsClients } from '../aws/aws-clients.js';
import type { Clock } from '../core/clock.js';
import { msg, type IoHost } from '../core/io-host.js';
import { DEMO_CANARY } from './canary-demo.js';
import { createStableStack, listenerUrl, type StableStack } from './demo-stack.js';
import { startLoad } from './load-generator.js';

export interface KeptDemoOptions {
  readonly endpoint: string;
  readonly region: string;
  readonly io: IoHost;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  /** Requests per second on the listener (default 200). */
  readonly rate?: number;
}

export interface KeptDemo {
  readonly stack: StableStack;
  /** The listener's local URL (the ALB's DNS name in AWS). */
  readonly url: string;
  /** cortado.yml for the stable service, with the demo's canary timings and no route yet (canary setup writes it). */
  readonly config: string;
  /** Ends the load and closes the SDK clients. */
  stop(): Promise<void>;
}

/** The config a new user would write: the stable service, the canary: timings that suit the sandbox's per-second metrics, and previews. */
export function keptDemoConfig(region: string, stack: StableStack): string {
  // More not-enough-data analyses tolerated than the unattended demo: your own load may start after the release.
  const canary = { ...DEMO_CANARY, no_data_limit: 10 };
  // Previews of the same service on the same listener: host rules below the demo's `/*` rule (priority 10), which would take every host.
  const preview = {
    reference: `${stack.cluster}/${stack.stableService}`,
    listener_arn: stack.listenerArn,
    domain: 'preview.example.com',
    priority_range: [1, 9],
  };
  const doc = new Document({ region, cluster: stack.cluster, service: stack.stableService, canary, preview });
  const range = doc.getIn(['preview', 'priority_range'], true);
  if (isSeq(range)) range.flow = true;
  const steps = doc.getIn(['canary', 'steps'], true);
  if (isSeq(steps)) steps.flow = true;
  const body = doc.toString({ flowCollectionPadding: false });
  return `# cortado demo --keep: the stable service ${stack.stableService} behind the sandbox's ALB.\n# \`cortado canary setup\` adds canary.service and canary.listener_rule below.\n${body}`;
}

export async function startKeptDemo(o: KeptDemoOptions): Promise<KeptDemo> {
  const clients = createAwsClients(
    { region: o.region, endpoint: o.endpoint, maxAttempts: 3, credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' } },
    {},
  );
  try {
    const stack = await createStableStack(clients, { name: 'shop', image: 'cortado/demo-app:v1', stableTasks: 2 }, o.io, o.clock, o.signal);
    const url = await listenerUrl(o.endpoint, stack.listenerArn, o.signal);
    const rate = o.rate ?? 200;
    const load = startLoad(url, { rate, concurrency: 8, keepSamples: false });
    o.io.notify(msg('info', 'DEMO_LOAD', `continuous load: ${rate} requests/s on ${url} (the ALB listener)`));
    return {
      stack,
      url,
      config: keptDemoConfig(o.region, stack),
      async stop() {
        await load.stop();
        clients.close?.();
      },
    };
  } catch (e) {
    clients.close?.();
    throw e;
  }
}
