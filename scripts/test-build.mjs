// Compiles the checkout's TypeScript (src/, test/, bench/, scripts/) to JavaScript in a mirror of the checkout, so the test
// files run on plain node: through tsx, every process of the suite (each test file, and the CLI and hosts the tests start
// from source) paid ~0.4 s of CPU to start the loader, and more for each module it passed through the loader's thread.
// The mirror is .test-build/<pid>/: each TypeScript file compiled to a .js file beside its source's name (with the
// source's mtime, so checks for a stale build compare the sources' times), every other file and the .ts files themselves
// as symbolic links to the checkout (fixtures, Python scripts, assets, files tests read), and the checkout's other
// top-level entries (package.json, bin/, dist/, examples/, node_modules/...) as links too: paths that a test or a module
// finds relative to its own file resolve in the mirror as they do in the checkout.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import { join, relative } from 'node:path';

const MIRROR_DIR = '.test-build';
const COMPILED = ['src', 'test', 'bench', 'scripts'];
const SKIPPED = new Set(['.git', MIRROR_DIR]);

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
};

/** Removes the mirrors of runs whose process is gone (a run killed before it removed its own). */
function removeStale(base) {
  if (!existsSync(base)) return;
  for (const name of readdirSync(base))
    if (!/^\d+$/.test(name) || !alive(Number(name))) rmSync(join(base, name), { recursive: true, force: true });
}

/** Links or collects every file under `dir` (relative to `root`) into the mirror at `out`. */
function mirrorTree(root, dir, out, sources) {
  mkdirSync(join(out, dir), { recursive: true });
  for (const name of readdirSync(join(root, dir))) {
    const rel = join(dir, name);
    const st = statSync(join(root, rel));
    if (st.isDirectory()) {
      mirrorTree(root, rel, out, sources);
      continue;
    }
    symlinkSync(relative(join(out, dir), join(root, rel)), join(out, rel));
    if (name.endsWith('.ts') && !name.endsWith('.d.ts')) sources.push({ rel, mtime: st.mtime });
  }
}

/**
 * Builds the mirror of `root` for this process and answers its directory and a function that removes it. Throws with
 * esbuild's messages when a file does not compile.
 */
export async function buildTestMirror(root) {
  const base = join(root, MIRROR_DIR);
  removeStale(base);
  const out = join(base, String(process.pid));
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const sources = [];
  for (const name of readdirSync(root)) {
    if (SKIPPED.has(name)) continue;
    if (COMPILED.includes(name) && statSync(join(root, name)).isDirectory()) mirrorTree(root, name, out, sources);
    else symlinkSync(relative(out, join(root, name)), join(out, name));
  }
  await build({
    entryPoints: sources.map((s) => join(root, s.rel)),
    outbase: root,
    outdir: out,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'silent',
  });
  for (const s of sources) utimesSync(join(out, s.rel.replace(/\.ts$/, '.js')), s.mtime, s.mtime);
  return { dir: out, remove: () => rmSync(out, { recursive: true, force: true }) };
}

/** The compiled counterpart in the mirror `dir` of a TypeScript file of the checkout `root`. */
export const compiledPath = (root, dir, file) => join(dir, relative(root, file)).replace(/\.ts$/, '.js');
