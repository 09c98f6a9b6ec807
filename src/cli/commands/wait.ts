// `cortado wait`: waits until the service is stable (after --no-wait), following its in-flight deployment.
import type { CliCommand } from '../command.js';
import { waitInterrupted } from '../interrupted.js';
import { withContext } from './deploy-options.js';

export const waitCommand: CliCommand = {
  usage: 'cortado wait',
  options: {},
  help: `Exits 1 when the in-flight deployment fails or is rolled back, and when the timeout passes.

Examples:
  cortado deploy --no-wait && cortado wait
  cortado wait --timeout 20m`,
  interrupted: waitInterrupted,
  async run(args, host) {
    const r = await withContext(args, host, async (ctx) => (await import('../../deploy/wait.js')).waitService(ctx));
    host.result(`${r.service}: stable on ${r.taskDefinition}`, r);
    return 0;
  },
};
