// Display width: East Asian wide characters count 2, combining marks and escapes 0, emoji sequences 2; truncation and padding by it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stripAnsi } from '../../../src/cli/terminal/ansi.js';
import { codePointWidth, stringWidth } from '../../../src/cli/terminal/string-width.js';
import { padEnd, padStart, truncate } from '../../../src/cli/terminal/truncate.js';

test('stringWidth counts terminal cells', () => {
  const cases: readonly [string, number][] = [
    ['', 0],
    ['hello', 5],
    ['日本語', 6], // CJK ideographs
    ['ｶﾀｶﾅ', 4], // halfwidth katakana: narrow
    ['カタカナ', 8], // fullwidth katakana
    ['한국어', 6], // Hangul syllables
    ['ＡＢＣ', 6], // fullwidth Latin
    ['e\u0301', 1], // e + combining acute
    ['a\u0308\u0323', 1], // two combining marks
    ['\u1100\u1161\u11a8', 2], // conjoining Hangul jamo: one syllable
    ['\x1b[31mred\x1b[0m', 3],
    ['\x1b]8;;https://example.com\x07link\x1b]8;;\x07', 4], // OSC 8 hyperlink
    ['a\u200bb', 2], // zero-width space
    ['\u00ad', 0], // soft hyphen
    ['✅', 2], // emoji presentation
    ['❤️', 2], // text-default heart + VS16
    ['❤', 1], // text-default heart alone
    ['👨‍👩‍👧', 2], // ZWJ family
    ['🇯🇵', 2], // flag
    ['👍🏽', 2], // skin tone modifier
    ['→ 5% → 25%', 10], // arrows are narrow
    ['…', 1],
    ['𠀋', 2], // CJK extension B (astral)
    ['\t', 0],
  ];
  for (const [s, w] of cases) assert.equal(stringWidth(s), w, JSON.stringify(s));
});

test('codePointWidth: controls 0, ASCII 1, wide 2', () => {
  assert.equal(codePointWidth(0x07), 0);
  assert.equal(codePointWidth(0x41), 1);
  assert.equal(codePointWidth(0x4e00), 2);
  assert.equal(codePointWidth(0x0301), 0);
  assert.equal(codePointWidth(0x1f600), 2);
});

test('stripAnsi removes CSI, OSC and two-byte escapes only', () => {
  assert.equal(stripAnsi('\x1b[1;32mok\x1b[39m \x1b[2K\x1b7x\x1b8'), 'ok x');
  assert.equal(stripAnsi('plain [text]'), 'plain [text]');
});

test('truncate cuts by display width and ends with an ellipsis', () => {
  assert.equal(truncate('hello world', 20), 'hello world');
  assert.equal(truncate('hello world', 11), 'hello world');
  assert.equal(truncate('hello world', 8), 'hello w…');
  for (let w = 1; w <= 16; w++) assert.ok(stringWidth(truncate('日本語のテキスト', w)) <= w, `width ${w}`);
  assert.equal(truncate('日本語のテキスト', 7), '日本語…'); // 6 cells + ellipsis; a wide char never straddles the edge
  assert.equal(truncate('日本語のテキスト', 8), '日本語…');
  assert.equal(truncate('e\u0301e\u0301e\u0301e\u0301', 3), 'e\u0301e\u0301…'); // a mark stays with its letter
  assert.equal(truncate('abc', 0), '');
  assert.equal(truncate('abcdef', 1), '…');
});

test('truncate keeps colour escapes and resets after the cut', () => {
  const t = truncate('\x1b[31mabcdefgh\x1b[0m', 5);
  assert.equal(stripAnsi(t), 'abcd…');
  assert.ok(t.startsWith('\x1b[31m'));
  assert.ok(t.endsWith('\x1b[0m'));
});

test('padEnd / padStart pad by display width', () => {
  assert.equal(padEnd('日本', 6), '日本  ');
  assert.equal(padStart('日本', 6), '  日本');
  assert.equal(padEnd('\x1b[1mok\x1b[22m', 4), '\x1b[1mok\x1b[22m  ');
  assert.equal(padEnd('toolong', 3), 'toolong');
});
