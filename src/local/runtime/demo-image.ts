// Recognises the built-in demo image `cortado/demo-app` and runs it with this Node binary, compiled (dist/) when it can.
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseImageRef } from './image-ref.js';
import type { ProcessResolution } from './types.js';

export const DEMO_IMAGE_REPOSITORY = 'cortado/demo-app';

/**
 * Heap limits plus V8 without helper threads: under load this keeps RSS about 5 MB lower than Node's defaults
 * at the same throughput (measured in spec.md); --jitless would save 5 MB more but costs 3x CPU per request.
 */
export const DEMO_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1', '--max-old-space-size=64', '--single-threaded'];

/** The tag of a demo image reference under any registry (`latest` if none), or undefined for any other image. */
export const demoImageTag = (image: string): string | undefined => {
  const ref = parseImageRef(image);
  if (ref.path !== DEMO_IMAGE_REPOSITORY && !ref.path.endsWith(`/${DEMO_IMAGE_REPOSITORY}`)) return undefined;
  return ref.tag ?? 'latest';
};

const tsxLoader = (): string => {
  try {
    return import.meta.resolve('tsx');
  } catch {
    return 'tsx';
  }
};

const mtime = (path: string): number | undefined => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
};

/**
 * Under tsx (src/), the compiled demo app in dist/ when it is at least as new as its sources: compiling it on every start
 * costs ~0.2 s of CPU per task, and test suites start thousands of tasks.
 */
function builtSibling(moduleUrl: string): string | undefined {
  const built = fileURLToPath(new URL('../../../dist/local/runtime/images/demo-app.js', moduleUrl));
  const builtAt = mtime(built);
  if (builtAt === undefined) return undefined;
  const sources = ['demo-app.ts', 'load-stats.ts'].map((f) => mtime(fileURLToPath(new URL(`./images/${f}`, moduleUrl))));
  return sources.every((at) => at !== undefined && at <= builtAt) ? built : undefined;
}

/** `moduleUrl` is this module's URL; the demo app is the sibling `images/demo-app` with the same extension. */
export const demoResolution = (tag: string, moduleUrl: string = import.meta.url): ProcessResolution => {
  const fromSource = moduleUrl.endsWith('.ts');
  const built = fromSource ? builtSibling(moduleUrl) : undefined;
  const script = built ?? fileURLToPath(new URL(`./images/demo-app.${fromSource ? 'ts' : 'js'}`, moduleUrl));
  const loader = fromSource && !built ? ['--import', tsxLoader()] : [];
  return { kind: 'process', command: process.execPath, args: [...DEMO_NODE_FLAGS, ...loader, script], env: { VERSION: tag } };
};
