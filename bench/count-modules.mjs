// Preload (`node --import ./bench/count-modules.mjs`) that lists every module a process loads, one URL a line, in
// $CORTADO_MODULE_LIST: ES modules through a load hook, CommonJS ones from require.cache at exit. For the cold-start bench.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';

const out = process.env.CORTADO_MODULE_LIST;

/** Runs in the hooks thread: every ES module (and CommonJS module imported from ESM) that is loaded. */
export async function load(url, context, next) {
  if (!url.startsWith('node:')) appendFileSync(out, `${url}\n`);
  return next(url, context);
}

if (isMainThread && out) {
  register(import.meta.url);
  const require = createRequire(import.meta.url);
  process.on('exit', () => {
    appendFileSync(
      out,
      Object.keys(require.cache)
        .map((p) => `${pathToFileURL(p).href}\n`)
        .join(''),
    );
  });
}
