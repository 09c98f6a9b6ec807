// The code registry: docs/codes.md lists exactly its entries, and no code is used in src/ without being registered.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CODES, isCode } from '../../src/core/codes.js';

const root = new URL('../../', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const LITERAL = /'([A-Z][A-Z0-9_]+)'/g;

/** Pure: the codes a source text passes to UsageError/CortadoError (first argument), to super() in an error class, and to msg() (second argument). */
function codesUsedIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b(?:UsageError|CortadoError)\(\s*([^,()]*?),/g)) for (const l of m[1]!.matchAll(LITERAL)) out.push(l[1]!);
  for (const m of text.matchAll(/\bsuper\(\s*'([A-Z][A-Z0-9_]+)',/g)) out.push(m[1]!);
  for (const m of text.matchAll(/\bmsg(?:<[^>]*>)?\(\s*[^,]*?,\s*([^,]*?),/g)) for (const l of m[1]!.matchAll(LITERAL)) out.push(l[1]!);
  return out;
}

test('the scanner finds codes in every form they are passed', () => {
  const text = `throw new UsageError('A_ONE', 'x'); new CortadoError(\n  'B_TWO', m, o); super('C_THREE', message);
    io.notify(msg(ok ? 'info' : 'warn', 'D_FOUR', 'x')); host.notify(msg('info', on ? 'E_FIVE' : 'F_SIX', \`t\`));`;
  assert.deepEqual(codesUsedIn(text).sort(), ['A_ONE', 'B_TWO', 'C_THREE', 'D_FOUR', 'E_FIVE', 'F_SIX']);
});

test("every code used in src/ (outside the sandbox, which speaks AWS's own error codes) is in the registry", () => {
  const files = sources(join(root, 'src')).filter((f) => !f.includes(`${join('src', 'local')}/`));
  const unregistered = files.flatMap((f) =>
    codesUsedIn(readFileSync(f, 'utf8'))
      .filter((c) => !isCode(c))
      .map((c) => `${c} (${f.slice(root.length)})`),
  );
  assert.deepEqual(unregistered, []);
  const used = new Set(files.flatMap((f) => codesUsedIn(readFileSync(f, 'utf8'))));
  assert.ok(used.size > 100, `the scanner sees the codes (${used.size})`);
});

test('docs/codes.md documents every registry entry, and nothing else', () => {
  const doc = readFileSync(join(root, 'docs', 'codes.md'), 'utf8');
  const documented = [...doc.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \| (error|message) \|/gm)].map((m) => [m[1]!, m[2]!] as const);
  const registered = Object.entries(CODES).map(([code, [kind]]) => [code, kind] as const);
  assert.deepEqual([...documented].sort(), [...registered].sort());
});
