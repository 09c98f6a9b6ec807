// `cortado demo`: starts the sandbox in-process and runs the canary demo on it (live status on screen, summary table at the end).
import { systemClock } from '../../core/clock.js';
import { msg, type IoHost, type IoMessage } from '../../core/io-host.js';
import type { CanaryStatusView } from '../../canary/canary-status.js';
import type { CliCommand } from '../command.js';
import { numberOption } from '../command.js';
import { renderStatus } from './canary-view.js';

/** On a terminal the status is redrawn in place under the last messages; elsewhere a frame is printed when the step changes. */
function screen(host: IoHost, tty: boolean) {
  const lines: string[] = [];
  let lastKey = '';
  let frame = '';
  const draw = () => process.stdout.write(`\x1b[H\x1b[2J${frame}\n\n${lines.join('\n')}\n`);
  return {
    io: {
      notify(m: IoMessage) {
        if (!tty) return host.notify(m);
        if (m.level === 'debug') return;
        lines.push(`${new Date(m.time).toISOString().slice(11, 19)} ${m.level === 'warn' ? '! ' : '  '}${m.message}`);
        if (lines.length > 12) lines.shift();
        draw();
      },
    } satisfies IoHost,
    frame(view: CanaryStatusView, release: string) {
      const text = `cortado demo — releasing ${release}\n\n${renderStatus(view, 'shop-stable')}`;
      if (tty) { frame = text; draw(); return; }
      const key = `${release} ${view.release?.phase} ${view.release?.step}`;
      if (key !== lastKey) { lastKey = key; process.stdout.write(`\n${text}\n`); }
    },
  };
}

export const demo: CliCommand = {
  usage: 'cortado demo [--speed N] [--rate N]',
  options: { speed: { type: 'string' }, rate: { type: 'string' } },
  help: `Needs nothing but this machine: no AWS account, no Docker. Starts the sandbox in this process,
creates an ALB (a rule forwarding to a stable and a canary target group) and two ECS services of the
demo image, puts continuous load on the listener, releases v2 through 5% → 25% → 50% → 100% with the
analysis of every step and promotes it, then releases v3 with ERROR_RATE=0.3 and shows the automatic
rollback. Ends with a summary: each step's set and observed split (against the 99.9% binomial
interval), canary success rate and p99 latency, and the decision.

Options:
  --speed N   sandbox time factor for ECS waits and health checks (default 20)
  --rate N    requests per second of the load (default 200)

Exits 0 when v2 was promoted and v3 rolled back with every check holding, 1 otherwise.

Examples:
  cortado demo
  npm run demo
  cortado demo --output json`,
  interrupted: () => 'the demo stopped and its in-process sandbox closed; nothing ran in any AWS account',
  async run(args, host) {
    const started = Date.now();
    const speed = numberOption(args, 'speed', { min: 1, max: 1000 }) ?? 20;
    const rate = numberOption(args, 'rate', { min: 10, max: 5000 }) ?? 200;
    // Loaded only when the demo runs, so that other commands start fast.
    const { startSandbox } = await import('../../local/index.js');
    const { runCanaryDemo } = await import('../../demo/canary-demo.js');
    const sandbox = await startSandbox({ port: 0, speed });
    host.notify(msg('info', 'DEMO_SANDBOX', `sandbox listening on ${sandbox.endpoint} (speed ×${speed})`));
    const controller = new AbortController();
    const onSignal = () => controller.abort(new Error('interrupted'));
    process.once('SIGINT', onSignal);
    const view = screen(host, Boolean(process.stdout.isTTY) && host.mode === 'text');
    try {
      const r = await runCanaryDemo({
        endpoint: sandbox.endpoint, region: sandbox.region, io: view.io, clock: systemClock, signal: controller.signal, rate,
        ...(host.mode === 'text' ? { onFrame: view.frame } : {}),
      });
      const c = r.checks;
      const verdicts = [
        `${c.promoted ? 'ok  ' : 'FAIL'} v2 promoted`,
        `${c.rolledBack ? 'ok  ' : 'FAIL'} v3 rolled back automatically`,
        `${c.splitsWithinInterval ? 'ok  ' : 'FAIL'} every step's observed split inside the 99.9% binomial interval of its weight`,
        `${c.stable5xx === 0 ? 'ok  ' : 'FAIL'} stable answered no 5xx during either release (${c.stable5xx})`,
        `${c.rolledBackAfter === 0 ? 'ok  ' : 'FAIL'} no request reached v3 after the rollback (${c.rolledBackAfter})`,
      ];
      const seconds = (Date.now() - started) / 1000;
      host.result(`\n${r.summary}\n\n${verdicts.join('\n')}\n\n${r.requests} requests in ${seconds.toFixed(0)} s`, { ...r, wallSeconds: seconds });
      return c.ok ? 0 : 1;
    } finally {
      process.off('SIGINT', onSignal);
      await sandbox.close();
    }
  },
};
