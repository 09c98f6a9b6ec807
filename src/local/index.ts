// Public entry of the sandbox library: `import { startSandbox } from 'cortado/local'`.
export { startSandbox, type Sandbox, type StartOptions } from './sandbox.js';
export type { SandboxOptions } from './options.js';
// AWS schedule expressions (cron/rate/at, time zones, DST), pure: cortado's `schedule` commands use it too.
export * from './schedule-expression/index.js';
