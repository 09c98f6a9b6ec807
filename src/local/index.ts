// Public entry of the sandbox library: `import { startSandbox } from 'cortado/local'`.
export { startSandbox, type Sandbox, type StartOptions } from './sandbox.js';
export type { SandboxOptions } from './options.js';
