#!/usr/bin/env node
// The cortado executable: runs the compiled CLI (npm ci builds it through the prepare script).
// Our SDK versions are pinned by the lockfile; their notice about future releases needing Node 22 is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const argv = process.argv.slice(2);
if (argv.length === 1 && ['--version', '-V', 'version'].includes(argv[0])) {
  // The cheapest answer stays cheap: no CLI module loads for it (cold start is benchmarked).
  const { version } = await import('../dist/core/version.js');
  process.stdout.write(`${version()}\n`);
} else {
  const { main } = await import('../dist/cli/main.js');
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
