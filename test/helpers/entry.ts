// How a test starts a TypeScript module of the checkout in a child node process: compiled when the suite runs compiled
// (scripts/run-tests.mjs runs a mirror of the checkout built by scripts/test-build.mjs, where every .ts file has a .js
// sibling), else the source through tsx (by its absolute URL: a child may run in a directory where `tsx` does not resolve).

/** Whether this process runs the compiled mirror: this very module is then a .js file. */
export const compiled = import.meta.url.endsWith('.js');

/** The arguments node needs before a module of the checkout: none when compiled, tsx's loader otherwise. */
export const loaderArgs = (): string[] => (compiled ? [] : ['--import', import.meta.resolve('tsx')]);

/** The file to run or import for the TypeScript file `tsPath`: its compiled sibling when compiled. */
export const runnable = (tsPath: string): string => (compiled ? tsPath.replace(/\.ts$/, '.js') : tsPath);

/** The node arguments that run the TypeScript file `tsPath`. */
export const nodeArgs = (tsPath: string): string[] => [...loaderArgs(), runnable(tsPath)];
