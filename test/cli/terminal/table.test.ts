// Tables: columns sized by display width, fitted to the terminal by shrinking the widest column, wrapping free text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stringWidth } from '../../../src/cli/terminal/string-width.js';
import { fitWidths, renderTable, wrapText } from '../../../src/cli/terminal/table.js';

test('columns line up by display width, not by string length', () => {
  const t = renderTable(
    ['NAME', 'IMAGE'],
    [
      ['日本', 'a'],
      ['ab', 'b'],
      ['e\u0301', 'c'],
    ],
  );
  const lines = t.split('\n');
  assert.deepEqual(
    lines.map((l) => stringWidth(l.slice(0, l.lastIndexOf(' ') + 1))),
    [6, 6, 6, 6],
  );
  assert.equal(lines[1], '日本  a');
});

test('without a width nothing is cut (pipes and files get whole cells)', () => {
  const long = 'x'.repeat(300);
  assert.ok(renderTable(['A', 'B'], [[long, 'y']]).includes(long));
});

test('fitted to the width: every line fits, the widest column gives way first', () => {
  const rows = [['api', 'arn:aws:ecs:us-east-1:123456789012:service/demo/api-with-a-long-name', '2/2']];
  const t = renderTable(['NAME', 'SERVICE', 'RUNNING'], rows, { width: 40 });
  for (const l of t.split('\n')) assert.ok(stringWidth(l) <= 40, l);
  assert.match(t, /^api {3}arn:aws:ecs:[^ ]*… {2}2\/2$/m);
  assert.match(t, /NAME {2}SERVICE/);
});

test('fitWidths: wrapping columns shrink before the others, none below its minimum', () => {
  assert.deepEqual(fitWidths([10, 30, 20], [6, 6, 16], [false, false, true], 50, 2), [10, 20, 16]);
  assert.deepEqual(fitWidths([10, 30], [6, 6], [false, false], undefined, 2), [10, 30]);
  // Cannot fit: stops at the minimums rather than producing zero-width columns.
  assert.deepEqual(fitWidths([10, 10], [6, 6], [false, false], 5, 2), [6, 6]);
});

test('a wrapping column continues on the next lines, other cells stay on the first', () => {
  const t = renderTable(['STEP', { header: 'DECISION', wrap: true }], [['5%', 'rolled back: analysis failed 2 time(s), threshold 2']], {
    width: 30,
  });
  const lines = t.split('\n');
  assert.equal(lines.length, 1 + 3);
  for (const l of lines) assert.ok(stringWidth(l) <= 30, l);
  assert.equal(
    lines
      .slice(1)
      .map((l) => l.slice(6))
      .join(' '),
    'rolled back: analysis failed 2 time(s), threshold 2',
  );
  assert.match(lines[2]!, /^ {6}\S/);
});

test('rule and right alignment', () => {
  const t = renderTable(
    ['NAME', { header: 'N', align: 'right' }],
    [
      ['a', '5'],
      ['b', '12'],
    ],
    { rule: true },
  );
  assert.deepEqual(t.split('\n'), ['NAME   N', '----  --', 'a      5', 'b     12']);
});

test('wrapText breaks at spaces, and inside a word only when it must', () => {
  assert.deepEqual(wrapText('aaa bbb ccc', 7), ['aaa bbb', 'ccc']);
  assert.deepEqual(wrapText('abcdefghij', 4), ['abcd', 'efgh', 'ij']);
  assert.deepEqual(wrapText('', 4), ['']);
  assert.deepEqual(wrapText('日本語テキスト', 6), ['日本語', 'テキス', 'ト']);
});
