// Acceptance: `cortado demo` in a real pseudo-terminal (tmux, 80×24) keeps its live frame on screen while it runs, leaves at
// most one copy of each release's frame in the scrollback, and that copy shows how the release ended.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { ROOT, assertBuilt } from './e2e-harness.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const HEADERS = { v2: 'cortado demo — releasing v2', v3: 'cortado demo — releasing v3 (ERROR_RATE=0.3)' } as const;

/** The live view is compiled code too: a dist/ older than its sources would test the old screen. */
function assertTerminalBuilt(): void {
  const built = statSync(join(ROOT, 'dist/cli/commands/demo.js')).mtimeMs;
  for (const src of ['src/cli/commands/demo.ts', 'src/cli/terminal/live-view.ts', 'src/cli/commands/canary-view.ts']) {
    if (statSync(join(ROOT, src)).mtimeMs > built + 1000)
      throw new Error(`dist/ is older than ${src}: run \`npm run build\` first (npm test does)`);
  }
}

test(
  'cortado demo at 80×24: frame on screen while live, one copy per release in the scrollback, final state last',
  {
    skip: hasTmux ? false : 'tmux is not installed',
    timeout: 20 * 60_000,
  },
  async () => {
    assertBuilt();
    assertTerminalBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'cortado-tmux-'));
    const conf = join(dir, 'tmux.conf');
    // history-limit applies to panes created after it is set: set it in the config the server starts with.
    writeFileSync(conf, 'set -g history-limit 200000\nset -g status off\n');
    const socket = `cortado-e2e-${process.pid}`;
    const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, '-f', conf, ...args], { encoding: 'utf8' });
    // --speed 100: as fast as the sandbox goes reliably (at 1000 the stable service does not settle in time, before and after this change).
    const command = `cd ${JSON.stringify(ROOT)} && node bin/cortado.js demo --speed 100; echo CORTADO_EXIT=$?; sleep 3600`;
    try {
      tmux('new-session', '-d', '-s', 'demo', '-x', '80', '-y', '24', command);
      let sawFrame = false;
      let screen = '';
      // Generous: the demo takes well under a minute on an idle laptop; a loaded CI machine may need many times that.
      const deadline = Date.now() + 15 * 60_000;
      while (Date.now() < deadline) {
        screen = tmux('capture-pane', '-p', '-t', 'demo');
        if (screen.includes('CORTADO_EXIT=')) break;
        const lines = screen.split('\n');
        if (
          lines.some((l) => l.startsWith('cortado demo — releasing')) &&
          lines.some((l) => l.startsWith('canary shop-stable (router alb)'))
        ) {
          sawFrame = true;
          // The frame fits the window: header, status and tail within 24 rows, nothing wider than 80 cells is wrapped.
          assert.ok(lines.filter((l) => l !== '').length <= 24, screen);
        }
        await sleep(500);
      }
      assert.match(screen, /CORTADO_EXIT=\d+/, `the demo did not finish in time; last screen:\n${screen}`);
      assert.ok(sawFrame, 'the live frame (header and status) was on screen while the demo ran');
      // -J joins lines the terminal wrapped, so each logical line is counted once.
      const all = tmux('capture-pane', '-p', '-J', '-S', '-', '-E', '-', '-t', 'demo').split('\n');
      const copies = (h: string) => all.filter((l) => l.trimEnd() === h).length;
      const diagnostic = `scrollback:\n${all.join('\n')}`;
      assert.equal(copies(HEADERS.v2), 1, diagnostic);
      assert.equal(copies(HEADERS.v3), 1, diagnostic);
      // The copy kept is the final frame: its release line shows the outcome.
      const stateAfter = (h: string) => all[all.findIndex((l) => l.trimEnd() === h) + 2] ?? '';
      assert.match(stateAfter(HEADERS.v2), /^canary shop-stable \(router alb\) +release \w+: succeeded/, diagnostic);
      assert.match(stateAfter(HEADERS.v3), /^canary shop-stable \(router alb\) +release \w+: failed/, diagnostic);
      assert.ok(
        all.some((l) => /^\d+ requests in \d+ s$/.test(l)),
        diagnostic,
      );
    } finally {
      spawnSync('tmux', ['-L', socket, 'kill-server']);
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
