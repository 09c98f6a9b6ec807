// A controller alone in its own process (for the autoscale bench's CPU and memory figures): runs `autoscale run`'s loop
// against the endpoint for DURATION_MS, then prints its CPU time, RSS and poll count as JSON.
import { createAwsClients } from '../src/aws/aws-clients.js';
import { autoscaleAws } from '../src/autoscale/autoscale-aws.js';
import { parseAutoscaleConfig } from '../src/autoscale/config/autoscale-config.js';
import { runController } from '../src/autoscale/controller.js';
import { systemClock } from '../src/core/clock.js';
import { silentHost } from '../src/core/io-host.js';

const env = (k: string): string => process.env[k] ?? '';
const spec = parseAutoscaleConfig(JSON.parse(env('SPEC')), { cluster: env('CLUSTER') });
const clients = createAwsClients(
  { region: 'us-east-1', endpoint: env('ENDPOINT'), credentials: { accessKeyId: 'AKIABENCHCONTROLLER1', secretAccessKey: 'bench' } },
  {},
);
const aws = await autoscaleAws(clients, spec.source.kind);
const ac = new AbortController();
let polls = 0;
let answered = 0;
const run = runController(
  spec,
  {
    aws,
    clock: systemClock,
    io: silentHost,
    owner: 'bench',
    onPoll: (r) => {
      polls++;
      answered += r.view?.tasks.filter((t) => t.load !== undefined).length ?? 0;
    },
  },
  ac.signal,
).catch(() => undefined);
// Warm-up (SDK loading, first DescribeTasks of every task) is left out of the figures.
await new Promise((r) => setTimeout(r, 3_000));
const cpu0 = process.cpuUsage();
const polls0 = polls;
const t0 = performance.now();
await new Promise((r) => setTimeout(r, Number(env('DURATION_MS'))));
const cpu = process.cpuUsage(cpu0);
const wallMs = performance.now() - t0;
ac.abort();
await run;
clients.close?.();
process.stdout.write(
  `${JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, wallMs, rssMb: process.memoryUsage().rss / 2 ** 20, maxRssMb: process.resourceUsage().maxRSS / 1024, polls: polls - polls0, answeredPerPoll: answered / Math.max(1, polls) })}\n`,
);
process.exit(0);
