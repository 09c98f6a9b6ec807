#!/usr/bin/env node
// The cortado executable: runs the bundled CLI (npm ci builds it through the prepare script; scripts/bundle-cli.mjs).
// CommonJS (bin/package.json), like the bundle: Node starts a CommonJS entry without its ES module loader.
'use strict';
// Our SDK versions are pinned by the lockfile; their notice about future releases needing Node 22 is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const argv = process.argv.slice(2);
if (argv.length === 1 && ['--version', '-V', 'version'].includes(argv[0])) {
  // The cheapest answer stays cheap: no CLI module loads for it (cold start is benchmarked).
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  require('../dist/cli-bundle/main.js')
    .main(argv)
    .then(
      (code) => {
        process.exitCode = code;
      },
      (e) => {
        console.error(e);
        process.exitCode = 1;
      },
    );
}
