// Table tests of the Go-template subset: pipelines, literals, trim markers, comments, if/else, and positioned errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { envFunctions, jsonEscape } from '../../src/config/template/env-functions.js';
import { TemplateError } from '../../src/config/template/template-ast.js';
import { type FunctionMap, renderTemplate, type TemplateFunction } from '../../src/config/template/template-render.js';
import { sprintf } from '../../src/config/template/sprintf.js';

const funcs: FunctionMap = new Map<string, TemplateFunction>([
  ...envFunctions({ IMAGE_TAG: 'abc123', EMPTY: '', QUOTE: 'say "hi" <b>&' }),
  ['upper', (s) => String(s).toUpperCase()],
  ['async_value', async (s) => `async:${String(s)}`],
  [
    'fail',
    () => {
      throw new Error('boom');
    },
  ],
]);

const cases: readonly [string, string, string][] = [
  ['plain text is untouched', 'no actions here', 'no actions here'],
  ['env with backquoted name', '{{ env `IMAGE_TAG` }}', 'abc123'],
  ['env default when unset', '{{ env "NOPE" "fallback" }}', 'fallback'],
  ['env default when empty', '{{ env "EMPTY" "d" }}', 'd'],
  ['env unset without default is empty', '[{{ env "NOPE" }}]', '[]'],
  ['must_env set but empty is fine', '[{{ must_env "EMPTY" }}]', '[]'],
  ['pipeline passes the value last', '{{ must_env "QUOTE" | json_escape }}', 'say \\"hi\\" \\u003cb\\u003e\\u0026'],
  ['parenthesised call as argument', '{{ upper (env "IMAGE_TAG") }}', 'ABC123'],
  ['async functions', '{{ async_value "x" }}', 'async:x'],
  ['numbers print as numbers', '{{ 8080 }}', '8080'],
  ['printf', '{{ printf "%s-%d" "a" 3 }}', 'a-3'],
  ['trim markers', 'a  {{- "b" -}}  c', 'abc'],
  ['comments vanish', 'x{{/* a comment */}}y', 'xy'],
  ['if / else', '{{ if eq (env "IMAGE_TAG") "abc123" }}yes{{ else }}no{{ end }}', 'yes'],
  ['else if', '{{ if env "NOPE" }}1{{ else if env "IMAGE_TAG" }}2{{ else }}3{{ end }}', '2'],
  ['escapes in strings', '{{ "tab\\tquote\\"" }}', 'tab\tquote"'],
  ['braces without action in JSON stay', '{"a": {"b": 1}}', '{"a": {"b": 1}}'],
];

for (const [name, src, want] of cases) {
  test(`template: ${name}`, async () => {
    assert.equal(await renderTemplate(src, funcs), want);
  });
}

const errors: readonly [string, string, RegExp, number, number][] = [
  ['unknown function', 'x\n  {{ nope "a" }}', /function "nope" not defined/, 2, 6],
  ['must_env of an unset variable', '{{ must_env "MISSING_VAR" }}', /must_env: environment variable MISSING_VAR is not defined/, 1, 4],
  ['unclosed action', 'a {{ env "X"', /unclosed action/, 1, 3],
  ['unterminated string', '{{ env "X }}', /unterminated quoted string/, 1, 8],
  ['define is not supported', '{{ define "x" }}{{ end }}', /"define" action is not supported/, 1, 1],
  ['if without end', '{{ if true }}a', /\{\{if\}\} without \{\{end\}\}/, 1, 1],
  ['stray end', 'a{{ end }}', /unexpected \{\{end\}\}/, 1, 2],
  ['function failure keeps its name', '{{ fail }}', /fail: boom/, 1, 4],
  ['arguments to a literal', '{{ "a" "b" }}', /can't give arguments to a non-function/, 1, 4],
];

for (const [name, src, re, line, column] of errors) {
  test(`template error: ${name}`, async () => {
    await assert.rejects(renderTemplate(src, funcs), (e: unknown) => {
      assert.ok(e instanceof TemplateError, `expected a TemplateError, got ${String(e)}`);
      assert.match(e.message, re);
      assert.deepEqual(e.pos, { line, column });
      return true;
    });
  });
}

test('json_escape matches Go json.Marshal without quotes', () => {
  assert.equal(jsonEscape('a"b\\c\n<x>&'), 'a\\"b\\\\c\\n\\u003cx\\u003e\\u0026');
});

test('sprintf verbs', () => {
  assert.equal(sprintf('%s/%v/%d/%q/%%', ['a', 1, 2, 'q']), 'a/1/2/"q"/%');
  assert.equal(sprintf('%s %s', ['only']), 'only %!s(MISSING)');
  assert.equal(sprintf("aws_subnet.private['%s'].id", ['a']), "aws_subnet.private['a'].id");
});
