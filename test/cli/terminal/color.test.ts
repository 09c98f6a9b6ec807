// Colour only on a terminal, never with NO_COLOR or --no-color.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { colorEnabled, palette } from '../../../src/cli/terminal/color.js';

test('colorEnabled', () => {
  assert.equal(colorEnabled({ isTTY: true, env: {} }), true);
  assert.equal(colorEnabled({ isTTY: false, env: {} }), false);
  assert.equal(colorEnabled({ isTTY: undefined, env: {} }), false);
  assert.equal(colorEnabled({ isTTY: true, env: { NO_COLOR: '1' } }), false);
  assert.equal(colorEnabled({ isTTY: true, env: { NO_COLOR: '' } }), true); // no-color.org: set and non-empty
  assert.equal(colorEnabled({ isTTY: true, env: { TERM: 'dumb' } }), false);
  assert.equal(colorEnabled({ isTTY: true, env: {}, flag: false }), false);
  assert.equal(colorEnabled({ isTTY: true, env: {}, flag: true }), true);
});

test('palette: plain text without colour, SGR pairs with it', () => {
  assert.equal(palette(false).red('x'), 'x');
  assert.equal(palette(true).red('x'), '\x1b[31mx\x1b[39m');
  assert.equal(palette(true).bold(''), '');
});
