// Runs the cortado CLI from source (through tsx), so scenario tests can spawn it as a child process without a build.
import { main } from '../../src/cli/main.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
