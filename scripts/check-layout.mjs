// Enforces the layout's dependency rules (README, Development): the sandbox and the engine meet only on the wire.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const ENGINE = ['deploy', 'canary', 'preview', 'autoscale', 'schedule', 'schedules', 'session', 'ecs', 'config', 'aws'];
const HOSTS = ['cli', 'server'];
const problems = [];

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (path.endsWith('.ts')) check(path);
  }
}

function check(path) {
  const rel = relative('src', path).split(sep);
  const top = rel[0];
  const source = readFileSync(path, 'utf8');
  const imports = [...source.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)].map((m) => m[1]);
  for (const spec of imports) {
    const target = relative('src', join(path, '..', spec)).split(sep)[0];
    if (top === 'local' && (ENGINE.includes(target) || HOSTS.includes(target)))
      problems.push(`${path}: the sandbox must not import ${target}/ (${spec})`);
    // One pure module is shared on purpose: AWS schedule expressions, evaluated alike by the sandbox and `schedule`.
    const shared =
      relative('src', join(path, '..', spec))
        .split(sep)
        .slice(0, 2)
        .join('/') === 'local/schedule-expression';
    if (ENGINE.includes(top) && target === 'local' && !shared)
      problems.push(`${path}: the engine must not import local/ (${spec}); reach the sandbox by endpoint URL`);
    if (['core'].includes(top) && target !== 'core') problems.push(`${path}: core/ imports only core/ (${spec})`);
  }
  if (!source.split('\n')[0]?.startsWith('//') && !source.startsWith('#!'))
    problems.push(`${path}: first line must be a one-line comment saying why the module exists`);
}

walk('src');
if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`\n${problems.length} layout problem(s)`);
  process.exit(1);
}
console.log('layout ok');
