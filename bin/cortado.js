#!/usr/bin/env node
// The cortado executable: runs the compiled CLI (npm ci builds it through the prepare script).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e) => { console.error(e); process.exitCode = 1; },
);
