// Table tests of Go text/template behaviour (ecspresso renders definitions with it as is): with, range over lists, maps and
// integers (with else, break, continue), variables, print/printf/println, index, slice, len, comparisons, and/or/not,
// pipelines, fields of maps, whitespace trimming, html/urlquery — and Go's errors for what it refuses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { envFunctions } from '../../src/config/template/env-functions.js';
import { TemplateError } from '../../src/config/template/template-ast.js';
import { type FunctionMap, renderTemplate, type TemplateFunction } from '../../src/config/template/template-render.js';

let failCalls = 0;
const funcs: FunctionMap = new Map<string, TemplateFunction>([
  ...envFunctions({ IMAGE_TAG: 'abc123', EMPTY: '' }),
  ['list', (...xs) => xs],
  ['dict', () => ({ b: 2, a: 1 })],
  [
    'fail',
    () => {
      failCalls++;
      throw new Error('boom');
    },
  ],
]);

const cases: readonly [string, string, string][] = [
  ['a variable', '{{ $x := "a" }}{{ $x }}', 'a'],
  ['assignment reaches the outer variable', '{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}', '2'],
  ['with sets dot', '{{ with env "IMAGE_TAG" }}tag={{ . }}{{ end }}', 'tag=abc123'],
  ['with else', '{{ with env "NOPE" }}x{{ else }}none{{ end }}', 'none'],
  ['else with', '{{ with env "NOPE" }}a{{ else with env "IMAGE_TAG" }}b={{ . }}{{ end }}', 'b=abc123'],
  ['with declares a variable', '{{ $x := "a" }}{{ with $y := "b" }}{{ $x }}{{ $y }}{{ . }}{{ end }}', 'abb'],
  ['range over a list with index and element', '{{ range $i, $e := list "a" "b" }}{{ $i }}={{ $e }};{{ end }}', '0=a;1=b;'],
  ['range sets dot to the element', '{{ range list "x" "y" }}[{{ . }}]{{ end }}', '[x][y]'],
  ['range with one variable gets the element', '{{ range $e := list "x" "y" }}{{ $e }}{{ end }}', 'xy'],
  ['range over a map goes by sorted key', '{{ range $k, $v := dict }}{{ $k }}:{{ $v }},{{ end }}', 'a:1,b:2,'],
  ['range over a map sets dot to the value', '{{ range dict }}{{ . }}{{ end }}', '12'],
  ['range else when empty', '{{ range list }}x{{ else }}empty{{ end }}', 'empty'],
  ['range over nil is empty', '{{ range . }}x{{ else }}nil{{ end }}', 'nil'],
  ['range over an integer', '{{ range 3 }}{{ . }}{{ end }}', '012'],
  [
    'break and continue',
    '{{ range $i, $e := list "a" "b" "c" "d" }}{{ if eq $i 1 }}{{ continue }}{{ end }}{{ if eq $i 3 }}{{ break }}{{ end }}{{ $e }}{{ end }}',
    'ac',
  ],
  ['print spaces only between non-strings', '{{ print "a" 1 2 "b" }}', 'a1 2b'],
  ['println', '{{ println "a" 1 }}', 'a 1\n'],
  ['printf width, flags, hex', '{{ printf "%05d|%-3s|%x|%v" 42 "a" 255 (list 1 2) }}', '00042|a  |ff|[1 2]'],
  ['index of a list', '{{ index (list "a" "b") 1 }}', 'b'],
  ['index of a map', '{{ index dict "a" }}', '1'],
  ['index of a missing key', '{{ index dict "z" }}', '<no value>'],
  ['index of nested lists', '{{ index (list (list 1 2) (list 3 4)) 1 0 }}', '3'],
  ['slice of a string', '{{ slice "abcdef" 1 3 }}', 'bc'],
  ['slice of a list', '{{ slice (list 1 2 3) 1 }}', '[2 3]'],
  ['len counts bytes of a string', '{{ len "héllo" }}', '6'],
  ['len of a list and a map', '{{ len (list 1 2) }}{{ len dict }}', '22'],
  [
    'comparisons',
    '{{ lt 1 2 }} {{ le 2 2 }} {{ gt "b" "a" }} {{ ge 1 2 }} {{ ne "a" "b" }} {{ eq 1 2 3 1 }} {{ eq "a" "b" }}',
    'true true true false true true false',
  ],
  ['and returns the first false value', '{{ and 1 0 "x" }}', '0'],
  ['and returns the last value when all are true', '{{ and 1 "x" }}', 'x'],
  ['or returns the first true value', '{{ or "" "y" }}', 'y'],
  ['or returns the last value when none is true', '[{{ or 0 "" }}]', '[]'],
  ['not', '{{ not "" }} {{ not (list 1) }}', 'true false'],
  ['and stops at the first false argument', '{{ and false (fail) }}', 'false'],
  ['or stops at the first true argument', '{{ or true (fail) }}', 'true'],
  ['pipeline passes the value as the last argument', '{{ "abc" | printf "%s-%s" "x" }}', 'x-abc'],
  ['longer pipeline', '{{ env "IMAGE_TAG" | len | printf "%d chars" }}', '6 chars'],
  ['trim markers eat newlines too', 'a \n {{- 1 -}} \n b', 'a1b'],
  ['trimmed comment', 'x  {{- /* c */ -}}  y', 'xy'],
  ['a negative number is not a trim marker', '{{-3}}', '-3'],
  ['fields of a map variable', '{{ $m := dict }}{{ $m.a }}', '1'],
  ['fields of a parenthesised value', '{{ (dict).b }}', '2'],
  ['dot is nil: it prints <no value>', '{{ . }}', '<no value>'],
  ['a field of nil prints <no value>', '{{ .Values.x }}', '<no value>'],
  ['lists and maps print as Go prints them', '{{ list "a" "b" }} {{ dict }}', '[a b] map[a:1 b:2]'],
  ['$ is the data', '{{ $ }}', '<no value>'],
  ['if with a declaration', '{{ if $t := env "IMAGE_TAG" }}{{ $t }}{{ end }}', 'abc123'],
  ['html', `{{ html "<a href='x'>&</a>" }}`, '&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;'],
  ['urlquery', '{{ urlquery "a b&c" }}', 'a+b%26c'],
  ['"}}" inside a string', '{{ "a}}b" }}', 'a}}b'],
  ['character constants are numbers', "{{ 'a' }}", '97'],
  [
    'a JSON file with range',
    '[{{ range $i, $p := list 80 443 }}{{ if $i }},{{ end }}{"containerPort": {{ $p }}}{{ end }}]',
    '[{"containerPort": 80},{"containerPort": 443}]',
  ],
];

for (const [name, src, want] of cases) {
  test(`go template: ${name}`, async () => {
    assert.equal(await renderTemplate(src, funcs), want);
  });
}

test('and/or evaluate lazily: a failing argument after the deciding one is never called', async () => {
  failCalls = 0;
  await renderTemplate('{{ and 0 (fail) }}{{ or 1 (fail) }}', funcs);
  assert.equal(failCalls, 0);
});

const errors: readonly [string, string, RegExp][] = [
  ['a variable out of its scope', '{{ if true }}{{ $y := 1 }}{{ end }}{{ $y }}', /undefined variable "\$y"/],
  ['an undefined variable', '{{ $nope }}', /undefined variable "\$nope"/],
  ['assigning an undeclared variable', '{{ $nope = 1 }}', /undefined variable "\$nope"/],
  ['comparing a number with a string', '{{ lt 1 "a" }}', /lt: incompatible types for comparison/],
  ['eq of lists', '{{ eq (list 1) (list 1) }}', /eq: invalid type for comparison/],
  ['index out of range', '{{ index (list "a") 5 }}', /index: index out of range: 5/],
  ['break outside range', '{{ break }}', /\{\{break\}\} outside \{\{range\}\}/],
  ['else with in an if', '{{ if true }}{{ else with 1 }}{{ end }}', /expected \{\{else\}\} or \{\{else if \.\.\.\}\}/],
  ['else if in a range', '{{ range 1 }}{{ else if true }}{{ end }}', /\{\{else\}\} in \{\{range\}\} takes no arguments/],
  ['range over a string', '{{ range "abc" }}{{ end }}', /range can't iterate over abc/],
  ['a field of a string', '{{ $s := "x" }}{{ $s.a }}', /can't evaluate field a in type string/],
  ['piping into a non-function', '{{ 1 | 2 }}', /can't give argument to non-function/],
  ['len of a number', '{{ len 3 }}', /len: len of type number/],
  ['ne takes two arguments', '{{ ne 1 2 3 }}', /wrong number of args for ne: want 2 got 3/],
  ['with without end', '{{ with 1 }}', /\{\{with\}\} without \{\{end\}\}/],
];

for (const [name, src, re] of errors) {
  test(`go template error: ${name}`, async () => {
    await assert.rejects(renderTemplate(src, funcs), (e: unknown) => {
      assert.ok(e instanceof TemplateError, `expected a TemplateError, got ${String(e)}`);
      assert.match(e.message, re);
      return true;
    });
  });
}
