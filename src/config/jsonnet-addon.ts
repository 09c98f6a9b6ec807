// Finds the optional Jsonnet add-on (native code, installed by the user): beside cortado, or in the project being deployed.
import { createRequire } from 'node:module';
import { UsageError } from '../core/errors.js';

export const JSONNET_ADDON = '@hanazuki/node-jsonnet';

/** The part of @hanazuki/node-jsonnet we use (its package exports hide its type file from NodeNext resolution). */
export interface JsonnetVm {
  extString(key: string, value: string): JsonnetVm;
  extCode(key: string, value: string): JsonnetVm;
  nativeCallback(name: string, fn: (...args: never[]) => unknown, ...params: string[]): JsonnetVm;
  evaluateFile(path: string): Promise<string>;
}

export interface JsonnetAddon {
  readonly Jsonnet: new () => JsonnetVm;
}

const INSTALL_HINT =
  `install it beside cortado: \`npm install ${JSONNET_ADDON}\` in your project (\`npm install -g ${JSONNET_ADDON}\` when cortado is installed globally). ` +
  'It compiles C++ on install: it needs a C++17 compiler (g++ or clang++), CMake 3.8+ and make or ninja. YAML and JSON configs need none of this.';

const isNotFound = (e: unknown): boolean => (e as NodeJS.ErrnoException | undefined)?.code === 'MODULE_NOT_FOUND';

let cached: JsonnetAddon | undefined;

/**
 * Loads the add-on, resolving it from each base in turn (a file path or file: URL whose directory starts the search up
 * the node_modules folders). The engine passes its own location first (a project or global install beside cortado),
 * then the Jsonnet file being evaluated (the project's node_modules when cortado itself runs from elsewhere, e.g. npx).
 */
export function loadJsonnetAddon(bases: readonly string[]): JsonnetAddon {
  for (const base of bases) {
    const req = createRequire(base);
    let resolved: string;
    try {
      resolved = req.resolve(JSONNET_ADDON);
    } catch (e) {
      if (isNotFound(e)) continue;
      throw e;
    }
    try {
      return req(resolved) as JsonnetAddon;
    } catch (e) {
      // Found but unusable: the install script (the C++ build) did not run or failed, e.g. npm's allowScripts skipped it.
      throw new UsageError(
        'JSONNET_NOT_BUILT',
        `the Jsonnet add-on ${JSONNET_ADDON} at ${resolved} is installed but cannot be loaded (${(e as Error).message.split('\n')[0]})`,
        `its C++ build did not run or failed: run \`npm rebuild ${JSONNET_ADDON}\` (allow its install script if npm skipped it); it needs a C++17 compiler, CMake 3.8+ and make or ninja. YAML and JSON configs need none of this.`,
      );
    }
  }
  throw new UsageError(
    'JSONNET_NOT_INSTALLED',
    `Jsonnet files need the optional add-on ${JSONNET_ADDON}, which is not installed`,
    INSTALL_HINT,
  );
}

/** The add-on for evaluating `file`: loaded once per process, and only when a Jsonnet file is actually evaluated. */
export function jsonnetAddonFor(file: string): JsonnetAddon {
  cached ??= loadJsonnetAddon([import.meta.url, file]);
  return cached;
}
