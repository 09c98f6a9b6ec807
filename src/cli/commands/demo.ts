// `cortado demo`: starts the sandbox in-process and runs the canary demo on it (live status on screen, summary table at the end),
// or with --keep leaves it running under load with a cortado.yml for the user's own canary setup and release.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { systemClock } from '../../core/clock.js';
import { msg, type IoHost, type IoMessage } from '../../core/io-host.js';
import type { CanaryStatusView } from '../../canary/canary-status.js';
import type { CanaryDemoResult } from '../../demo/canary-demo.js';
import type { CliCommand } from '../command.js';
import { numberOption, stringOption, type ParsedArgs } from '../command.js';
import { currentInterrupt } from '../interrupt.js';
import type { ConsoleHost } from '../console-host.js';
import { palette } from '../terminal/color.js';
import { createLiveView } from '../terminal/live-view.js';
import { shortenArns } from '../terminal/resource-name.js';
import { renderTable } from '../terminal/table.js';
import { terminalOf, type TerminalInfo } from '../terminal/terminal-of.js';
import { renderStatus } from './canary-view.js';

/** Messages kept in the scrollback on a terminal: the demo's own steps, warnings and errors (the rest is a passing tail). */
const kept = (m: IoMessage) => m.code.startsWith('DEMO_') || m.level === 'warn' || m.level === 'error';

/**
 * On a terminal: one live view per phase, the release's status redrawn in place with the newest messages under it; when a
 * release ends its final frame is printed once. Elsewhere (pipes, files): messages go to the host, and each release's final
 * frame is printed once when it ends. With --output json there are no frames at all.
 */
function screen(host: ConsoleHost, term: TerminalInfo) {
  let frame: string[] = [];
  let view = term.live ? createLiveView(process.stdout) : undefined;
  const line = (m: IoMessage) =>
    `${m.time.toISOString().slice(11, 19)} ${m.level === 'warn' || m.level === 'error' ? '! ' : '  '}${shortenArns(m.message)}`;
  return {
    io: {
      notify(m: IoMessage) {
        if (m.code === 'DEMO_RELEASE_DONE' && frame.length) {
          if (view) {
            view.stop();
            view = createLiveView(process.stdout);
          } else process.stdout.write(`\n${frame.join('\n')}\n\n`);
          frame = [];
        }
        if (!view) return host.notify(m);
        if (m.level === 'debug') return;
        if (kept(m)) view.print([line(m)]);
        else view.log(line(m));
      },
    } satisfies IoHost,
    frame(status: CanaryStatusView, release: string) {
      frame = [`cortado demo — releasing ${release}`, '', ...renderStatus(status, 'shop-stable', { color: term.color }).split('\n')];
      view?.frame(frame);
    },
    stop() {
      view?.stop();
    },
  };
}

/** The step table fitted to the terminal (whole cells when the output is not a terminal); long decisions' reasons under it. */
function summary(
  r: CanaryDemoResult,
  term: TerminalInfo,
  { SUMMARY_HEADERS, summaryCells }: typeof import('../../demo/demo-summary.js'),
): string {
  const columns = SUMMARY_HEADERS.map((h) =>
    h === 'decision'
      ? { header: h, wrap: true, min: 12 }
      : { header: h, align: h === 'release' || h === 'set' ? ('left' as const) : ('right' as const) },
  );
  const notes: string[] = [];
  const cells = summaryCells(r.rows).map((c) => {
    const release = c[0]!.split(' ')[0]!;
    const decision = c[6]!;
    const colon = decision.indexOf(': ');
    if (colon > 0) notes.push(`${release} at ${c[1]}: ${decision}`);
    return [release, ...c.slice(1, 6), colon > 0 ? decision.slice(0, colon) : decision];
  });
  const names = r.releases.map((x) => `${x.name} (stable ${x.stableVersion})`).join(', ');
  const table = renderTable(columns, cells, { rule: true, ...(term.width ? { width: term.width - 1 } : {}) });
  return [`releases: ${names}`, table, ...notes].join('\n');
}

/** `--keep`: the stable stack under load and a ready cortado.yml, kept until Ctrl-C, with the next commands printed. */
async function keep(args: ParsedArgs, host: ConsoleHost, speed: number, rate: number): Promise<number> {
  const dir = resolve(stringOption(args, 'dir') ?? 'cortado-demo');
  const port = numberOption(args, 'port', { min: 0, max: 65535, integer: true }) ?? 0;
  const { startSandbox } = await import('../../local/index.js');
  const { startKeptDemo } = await import('../../demo/kept-demo.js');
  const sandbox = await startSandbox({ port, speed });
  host.notify(msg('info', 'DEMO_SANDBOX', `sandbox listening on ${sandbox.endpoint} (speed ×${speed})`));
  const stopped = new Promise<void>((done) => {
    const interrupt = currentInterrupt();
    if (interrupt?.signal.aborted) done();
    interrupt?.signal.addEventListener('abort', () => done(), { once: true });
  });
  try {
    const kept = await startKeptDemo({
      endpoint: sandbox.endpoint,
      region: sandbox.region,
      io: host,
      clock: systemClock,
      signal: currentInterrupt()?.signal ?? new AbortController().signal,
      rate,
    });
    try {
      await mkdir(dir, { recursive: true });
      const file = join(dir, 'cortado.yml');
      await writeFile(file, kept.config);
      const env = `AWS_ENDPOINT_URL=${sandbox.endpoint} AWS_REGION=${sandbox.region} AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo`;
      const text = [
        `The sandbox runs ${kept.stack.stableService} (v1, 2 tasks) behind an ALB at ${kept.url}, under ${rate} requests/s.`,
        `${file} names it as the stable service. In another terminal:`,
        '',
        `  cd ${dir}`,
        `  export ${env}`,
        '  cortado canary setup                 # the canary target group, service and weights (try --dry-run first)',
        `  cortado local load ${kept.url} --rate 100   # more load, if you like`,
        '  cortado canary start --tag v2        # release v2 step by step; `cortado canary status --watch` follows it',
        '',
        `  cortado env setup && cortado env create pr-1 --tag v2   # a preview: curl -H 'Host: pr-1.preview.example.com' ${kept.url}`,
        '',
        'Ctrl-C here stops the load and the sandbox.',
      ].join('\n');
      host.result(text, { endpoint: sandbox.endpoint, region: sandbox.region, url: kept.url, dir, config: file, stack: kept.stack });
      await stopped;
    } finally {
      await kept.stop();
    }
    return 0;
  } finally {
    await sandbox.close();
  }
}

export const demo: CliCommand = {
  usage: 'cortado demo [--speed N] [--rate N] [--keep [--dir DIR] [--port N]]',
  options: {
    speed: { type: 'string' },
    rate: { type: 'string' },
    keep: { type: 'boolean' },
    dir: { type: 'string' },
    port: { type: 'string' },
  },
  help: `Needs nothing but this machine: no AWS account, no Docker. Starts the sandbox in this process,
creates an ALB (a rule forwarding to a stable and a canary target group) and two ECS services of the
demo image, puts continuous load on the listener, releases v2 through 5% → 25% → 50% → 100% with the
analysis of every step and promotes it, then releases v3 with ERROR_RATE=0.3 and shows the automatic
rollback. Ends with a summary: each step's set and observed split (against the 99.9% binomial
interval), canary success rate and p99 latency, and the decision.

On a terminal each release's status is redrawn in place (fitted to the window, the newest messages
under it) and its final state is printed once when the release ends; piped or redirected, only each
release's final state is printed; with --output json, only the result document.

With --keep the demo stops before its releases and leaves them to you: the sandbox keeps running
with the v1 stable service behind the ALB (no canary service yet) and the load on the listener,
cortado.yml is written in --dir, and the commands to try next are printed with the environment they
need (canary setup, more load, canary start --tag v2; env setup and env create for previews).
Ctrl-C stops the load and the sandbox.

Options:
  --speed N   sandbox time factor for ECS waits and health checks (default 20)
  --rate N    requests per second of the load (default 200)
  --keep      keep the sandbox, the ALB and the load running for your own commands (until Ctrl-C)
  --dir DIR   with --keep: where cortado.yml is written (default ./cortado-demo)
  --port N    with --keep: the sandbox's port (default 0: a free one)

Exits 0 when v2 was promoted and v3 rolled back with every check holding, 1 otherwise.

Examples:
  cortado demo
  npm run demo
  cortado demo --output json
  cortado demo --keep --dir /tmp/shop`,
  interrupted: (_seen, args) =>
    args.values.keep
      ? 'the kept demo stopped: the load ended and the in-process sandbox closed; nothing ran in any AWS account'
      : 'the demo stopped and its in-process sandbox closed; nothing ran in any AWS account',
  async run(args, host) {
    const started = Date.now();
    const speed = numberOption(args, 'speed', { min: 1, max: 1000 }) ?? 20;
    const rate = numberOption(args, 'rate', { min: 10, max: 5000 }) ?? 200;
    if (args.values.keep === true) return keep(args, host, speed, rate);
    // Loaded only when the demo runs, so that other commands start fast.
    const { startSandbox } = await import('../../local/index.js');
    const { runCanaryDemo } = await import('../../demo/canary-demo.js');
    const summaryModule = await import('../../demo/demo-summary.js');
    const sandbox = await startSandbox({ port: 0, speed });
    host.notify(msg('info', 'DEMO_SANDBOX', `sandbox listening on ${sandbox.endpoint} (speed ×${speed})`));
    const controller = new AbortController();
    const onSignal = () => controller.abort(new Error('interrupted'));
    process.once('SIGINT', onSignal);
    const term = terminalOf(host);
    const view = screen(host, term);
    try {
      const r = await runCanaryDemo({
        endpoint: sandbox.endpoint,
        region: sandbox.region,
        io: view.io,
        clock: systemClock,
        signal: controller.signal,
        rate,
        ...(host.mode === 'text' ? { onFrame: view.frame } : {}),
      }).finally(() => view.stop());
      const c = r.checks;
      const p = palette(term.color);
      const mark = (ok: boolean) => (ok ? p.green('ok  ') : p.red('FAIL'));
      const verdicts = [
        `${mark(c.promoted)} v2 promoted`,
        `${mark(c.rolledBack)} v3 rolled back automatically`,
        `${mark(c.splitsWithinInterval)} each step's observed split inside its weight's 99.9% binomial interval`,
        `${mark(c.stable5xx === 0)} stable answered no 5xx during either release (${c.stable5xx})`,
        `${mark(c.rolledBackAfter === 0)} no request reached v3 after the rollback (${c.rolledBackAfter})`,
      ];
      const seconds = (Date.now() - started) / 1000;
      host.result(`\n${summary(r, term, summaryModule)}\n\n${verdicts.join('\n')}\n\n${r.requests} requests in ${seconds.toFixed(0)} s`, {
        ...r,
        wallSeconds: seconds,
      });
      return c.ok ? 0 : 1;
    } finally {
      process.off('SIGINT', onSignal);
      await sandbox.close();
    }
  },
};
