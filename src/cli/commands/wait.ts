// `cortado wait`: waits until the service is stable (after --no-wait), following its in-flight deployment.
import type { CliCommand } from '../command.js';
import { waitInterrupted } from '../interrupted.js';
import { codeDeployWaitEvent, withContext } from './deploy-options.js';
import { UsageError } from '../../core/errors.js';

export const waitCommand: CliCommand = {
  usage: 'cortado wait [--wait-until codedeploy:EVENT]',
  options: { 'wait-until': { type: 'string' } },
  help: `Exits 1 when the in-flight deployment fails or is rolled back, and when the timeout passes.

Options:
  --wait-until codedeploy:EVENT  CODE_DEPLOY services: wait until the in-flight CodeDeploy deployment has
                                 passed lifecycle event EVENT (e.g. AllowTestTraffic, AfterAllowTraffic)

Examples:
  cortado deploy --no-wait && cortado wait
  cortado wait --timeout 20m
  cortado wait --wait-until codedeploy:AllowTestTraffic`,
  interrupted: waitInterrupted,
  async run(args, host) {
    const event = codeDeployWaitEvent(args);
    if (event) {
      const c = await withContext(args, host, async (ctx) =>
        (await import('../../deploy/codedeploy/codedeploy-commands.js')).waitCodeDeployEvent(ctx, event),
      );
      host.result(`${c.service}: CodeDeploy deployment ${c.deploymentId} passed ${event}`, c);
      return 0;
    }
    if (args.values['wait-until'] !== undefined)
      throw new UsageError('BAD_OPTION', '--wait-until of cortado wait expects codedeploy:EVENT');
    const r = await withContext(args, host, async (ctx) => (await import('../../deploy/wait.js')).waitService(ctx));
    host.result(`${r.service}: stable on ${r.taskDefinition}`, r);
    return 0;
  },
};
