// Whether the Jsonnet tests run: scripts/run-tests.mjs installs the optional add-on when a C++ toolchain is present and
// sets CORTADO_TEST_NO_JSONNET only when it could not (no toolchain); a failed install fails the run instead of skipping.
export const jsonnetSkip: string | false = process.env['CORTADO_TEST_NO_JSONNET']
  ? 'the optional Jsonnet add-on @hanazuki/node-jsonnet is not installed and there is no C++ toolchain to build it'
  : false;
