// The live view on a fake terminal: redrawn in place (no screen clear), fitted to the window, the final frame printed once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stringWidth } from '../../../src/cli/terminal/string-width.js';
import { createLiveView } from '../../../src/cli/terminal/live-view.js';
import { layoutLive } from '../../../src/cli/terminal/live-layout.js';
import { FakeTerminal } from './fake-terminal.js';

const frameOf = (n: number, step: number) => [
  `HEADER release v2 frame ${n}`,
  `  step ${step}/4`,
  `  weights set stable ${100 - step * 5}% / canary ${step * 5}%`,
  '  events',
  '    12:00:01 started',
];
const count = (lines: readonly string[], s: string) => lines.filter((l) => l.includes(s)).length;
/** Screen-wide erases (ED in any form: tmux turns even "erase below" from the top row into a scrollback copy), home, reset. */
// eslint-disable-next-line no-control-regex -- matching escape sequences
const SCREEN_WIDE = /\x1b\[[0-3]?J|\x1b\[H|\x1bc/;

test('frames redraw in place: the scrollback never gets a copy, the screen shows the latest', () => {
  const term = new FakeTerminal(80, 24);
  for (let i = 0; i < 30; i++) term.write(`earlier output ${i}\n`); // the cursor starts at the bottom of a full screen
  const view = createLiveView(term);
  for (let i = 1; i <= 50; i++) {
    view.frame(frameOf(i, 1 + (i % 4)));
    if (i % 3 === 0) view.log(`12:00:${String(i).padStart(2, '0')} message ${i}`);
    if (i % 10 === 0) view.print([`kept ${i}`]); // the region fills the screen from the top row by now
  }
  assert.equal(count(term.history, 'HEADER'), 0);
  assert.deepEqual(
    term.all().filter((l) => l.startsWith('kept')),
    ['kept 10', 'kept 20', 'kept 30', 'kept 40', 'kept 50'],
  );
  assert.equal(count(term.lines(), 'HEADER'), 1);
  assert.ok(term.lines().some((l) => l.includes('HEADER release v2 frame 50')));
  assert.ok(
    term.lines().some((l) => l.includes('message 48')),
    'the newest log line is on screen',
  );
  view.stop();
  assert.equal(count(term.all(), 'HEADER'), 1, 'one copy after stop');
  assert.ok(!term.all().some((l) => l.includes('message 48')), 'the log tail is not kept');
  assert.doesNotMatch(term.output, SCREEN_WIDE);
  assert.ok(term.output.includes('\x1b[?25l') && term.output.endsWith('\x1b[?25h'), 'cursor hidden while live, shown after');
});

test('only changed lines are rewritten; each rewrite erases to the end of the line', () => {
  const term = new FakeTerminal(80, 24);
  const view = createLiveView(term);
  view.frame(['title', 'a: 1', 'b: 1']);
  const before = term.writes.length;
  view.frame(['title', 'a: 2', 'b: 1']);
  const redraw = term.writes.slice(before).join('');
  assert.equal(redraw, '\r\x1b[3A\na: 2\x1b[K\n\n');
  view.frame(['title', 'a: 2', 'b: 1']);
  assert.equal(term.writes.length, before + 1, 'an unchanged frame writes nothing');
  view.frame(['title']);
  assert.ok(
    term.output.endsWith('\r\x1b[3A\n\x1b[K\n\x1b[K\n\r\x1b[2A'),
    'a shorter frame blanks the rows it no longer uses, line by line',
  );
  assert.deepEqual(term.lines().filter(Boolean), ['title']);
  view.log('next');
  assert.deepEqual(term.lines().filter(Boolean), ['title', 'next']);
});

test('fits 80×24: lines cut to the width, the log tail cut to the rows left', () => {
  const term = new FakeTerminal(80, 24);
  const view = createLiveView(term);
  const frame = ['HEADER', `  long ${'x'.repeat(200)}`, ...Array.from({ length: 10 }, (_, i) => `  line ${i}`)];
  view.frame(frame);
  for (let i = 0; i < 40; i++) view.log(`log ${i}`);
  const screen = term.lines();
  assert.equal(screen[0], 'HEADER');
  assert.ok(screen.every((l) => stringWidth(l) <= 79));
  assert.ok(screen[1]!.endsWith('…'));
  const logs = screen.filter((l) => l.startsWith('log '));
  assert.equal(logs.length, 24 - 1 - frame.length - 1, 'rows - cursor row - frame - blank line');
  assert.equal(logs.at(-1), 'log 39');
  assert.equal(term.history.length, 0);
});

test('a frame taller than the window keeps its top and says how much it hides', () => {
  const lines = layoutLive(
    Array.from({ length: 30 }, (_, i) => `row ${i}`),
    ['log'],
    { columns: 80, rows: 24 },
  );
  assert.equal(lines.length, 23);
  assert.equal(lines[0], 'row 0');
  assert.equal(lines[22], '… 8 more lines (a taller window shows them)');
});

test('on SIGWINCH (resize) the size is read again and the whole frame redrawn to the new width', () => {
  const term = new FakeTerminal(80, 24);
  const view = createLiveView(term);
  view.frame(['HEADER', `  ${'y'.repeat(70)}`]);
  const before = term.writes.length;
  term.resize(40, 10);
  const redraw = term.writes.slice(before).join('');
  // The 72-cell line re-wraps to 2 rows at 40 columns: the cursor goes up 3 rows to the top of the region.
  assert.ok(redraw.startsWith('\r\x1b[3A'), JSON.stringify(redraw));
  assert.ok(redraw.includes('HEADER\x1b[K'), 'every line is rewritten after a resize');
  for (const l of redraw.split('\n')) assert.ok(stringWidth(l) <= 39, l);
  view.stop();
  term.resize(30, 10);
  assert.equal(term.writes.length, before + 2, 'a stopped view no longer listens');
});

test('print() puts lines above the live region, once; stop() is idempotent and later frames write nothing', () => {
  const term = new FakeTerminal(80, 24);
  const view = createLiveView(term);
  view.frame(['HEADER 1']);
  view.print(['v2: succeeded']);
  view.frame(['HEADER 2']);
  view.stop();
  const n = term.writes.length;
  view.stop();
  view.frame(['HEADER 3']);
  assert.equal(term.writes.length, n);
  assert.deepEqual(term.all().filter(Boolean), ['v2: succeeded', 'HEADER 2']);
});
