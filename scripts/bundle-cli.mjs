// Bundles the compiled CLI (dist/cli/main.js and everything it imports) into a few chunks in dist/cli-bundle, so a command
// reads a handful of files instead of a hundred: Node's ES module loader pays per file (resolve, read, compile, link), and
// that cost, not our code, made `cortado --help` and `render` slow to start. Run by `npm run build` after tsc.
//
// - Dynamic imports stay lazy: each command, the AWS SDK clients and the YAML parser still load only when used; small
//   chunks are merged so that a command does not pay for many tiny files.
// - Packages stay external (the SDK, the Jsonnet add-on, ...) except `yaml`, whose ES module build is bundled (its
//   CommonJS build is ~70 files) and stripped of whitespace.
// - CommonJS output: Node starts a CommonJS entry without its ES module loader.
// - The sandbox (dist/local) stays as compiled: it shares no module with the CLI and reads its assets beside itself.
// - Chunks sit two levels under the package root, like every compiled module, so paths computed from import.meta.url
//   (package.json for the version, node_modules for the add-on) resolve the same in both.
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { rollup } from 'rollup';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(root, 'dist');
const outDir = resolve(dist, 'cli-bundle');
const sandboxDir = resolve(dist, 'local') + '/';
const yamlEsm = resolve(root, 'node_modules', 'yaml', 'browser', 'index.js');

const isPackage = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

/**
 * What every command that opens a session loads (config loading, templates, definitions, the AWS client factory), as one
 * chunk: left to the default, it is split into a dozen small files by which commands share which part.
 */
const SESSION_PATHS = [
  'config/',
  'session/',
  'aws/',
  'deploy/deploy-context.js',
  'deploy/plugin-services.js',
  'deploy/render.js',
  'cli/session-host.js',
  'cli/commands/deploy-options.js',
  'core/',
];

/**
 * Modules the entry imports statically, directly or not: they form the `cli` chunk that every command loads (named, so that
 * rollup does not pull them into the session chunk as its dependencies).
 */
function staticClosure(entry, getModuleInfo) {
  const seen = new Set();
  const visit = (id) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const next of getModuleInfo(id)?.importedIds ?? []) visit(next);
  };
  visit(entry);
  return seen;
}

let entryClosure;
function manualChunks(id, { getModuleInfo }) {
  entryClosure ??= staticClosure(resolve(dist, 'cli', 'main.js'), getModuleInfo);
  if (entryClosure.has(id)) return 'cli';
  if (id.startsWith(resolve(root, 'node_modules', 'yaml') + '/')) return 'yaml';
  const rel = id.startsWith(dist + '/') ? id.slice(dist.length + 1) : undefined;
  if (rel === undefined || rel === 'config/jsonnet-addon.js') return undefined;
  return SESSION_PATHS.some((p) => (p.endsWith('/') ? rel.startsWith(p) : rel === p)) ? 'session' : undefined;
}

rmSync(outDir, { recursive: true, force: true });
const bundle = await rollup({
  input: { main: resolve(dist, 'cli', 'main.js') },
  logLevel: 'warn',
  external: (id, importer) => {
    if (id === 'yaml') return false;
    if (isPackage(id)) return true;
    const path = importer && id.startsWith('.') ? resolve(dirname(importer), id) : id;
    return path.startsWith(sandboxDir);
  },
  plugins: [
    { name: 'yaml-esm', resolveId: (id) => (id === 'yaml' ? yamlEsm : null) },
    {
      // The YAML parser is a third of what `render` loads; without its whitespace and comments it compiles faster (names
      // are kept, and our own chunks are left as they are, so stack traces stay readable).
      name: 'compact-yaml',
      renderChunk: async (code, chunk) =>
        chunk.name === 'yaml' ? (await transform(code, { minifyWhitespace: true, format: 'cjs', target: 'node20' })).code : null,
    },
  ],
  onLog: (level, log, handler) => {
    // Cycles between compiled modules are fine (ES modules resolve them); anything else is reported.
    if (log.code === 'CIRCULAR_DEPENDENCY') return;
    handler(level, log);
  },
});
await bundle.write({
  dir: outDir,
  format: 'cjs',
  // Node starts a CommonJS entry without its ES module loader (about a sixth of `node -e 0` on its own); the package is
  // "type": "module", so the bundle directory gets a package.json of its own saying these files are CommonJS.
  dynamicImportInCjs: true,
  manualChunks,
  chunkFileNames: '[name]-[hash].js',
  sourcemap: false,
});
await bundle.close();
writeFileSync(resolve(outDir, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
