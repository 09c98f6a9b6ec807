// Table test: chunks become whole lines the way a log driver cuts them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLineSplitter } from '../../../src/local/runtime/line-splitter.js';

const split = (chunks: readonly string[], max?: number): string[] => {
  const lines: string[] = [];
  const splitter = createLineSplitter((line) => lines.push(line), max);
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return lines;
};

test('lines are split across chunks, CRLF trimmed, empty lines dropped, the last line flushed', () => {
  const table: ReadonlyArray<readonly [readonly string[], readonly string[]]> = [
    [['a\nb\n'], ['a', 'b']],
    [
      ['par', 'tial\nne', 'xt\n'],
      ['partial', 'next'],
    ],
    [
      ['win\r\n', 'dows\r', '\n'],
      ['win', 'dows'],
    ],
    [['a\n\n\nb\n'], ['a', 'b']],
    [['no newline at end'], ['no newline at end']],
    [
      ['x\n', 'tail'],
      ['x', 'tail'],
    ],
    [[''], []],
  ];
  for (const [chunks, expected] of table) assert.deepEqual(split(chunks), expected, JSON.stringify(chunks));
});

test('lines longer than the limit are cut, and a line of exactly the limit is not followed by an empty one', () => {
  assert.deepEqual(split(['abcdefgh\n'], 3), ['abc', 'def', 'gh']);
  assert.deepEqual(split(['abc', 'def', 'g'], 3), ['abc', 'def', 'g']);
  assert.deepEqual(split(['abc', '\n', 'd\n'], 3), ['abc', 'd']);
});
