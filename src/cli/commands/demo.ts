// `cortado demo`: starts the sandbox in-process, runs the demo against its endpoint, and stops everything.
import { systemClock } from '../../core/clock.js';
import { msg } from '../../core/io-host.js';
import { runSandboxDemo } from '../../demo/sandbox-demo.js';
import { startSandbox } from '../../local/index.js';
import type { CliCommand } from '../command.js';

export const demo: CliCommand = {
  path: ['demo'],
  summary: 'start the local sandbox, run a 2-task service of the demo image, show each task answering, stop',
  usage: 'cortado demo',
  options: {},
  help: 'Needs nothing but this machine: no AWS account, no Docker.\n\nExamples:\n  cortado demo\n  cortado demo --output json',
  async run(_args, host) {
    const sandbox = await startSandbox({ port: 0, speed: 10 });
    host.notify(msg('info', 'DEMO_SANDBOX', `sandbox listening on ${sandbox.endpoint}`));
    const controller = new AbortController();
    const onSignal = () => controller.abort(new Error('interrupted'));
    process.once('SIGINT', onSignal);
    try {
      const answers = await runSandboxDemo({ endpoint: sandbox.endpoint, region: sandbox.region, io: host, clock: systemClock, signal: controller.signal });
      const lines = answers.map((a) => `  task ${a.taskId}  ${a.address}  version=${a.body.version}`);
      host.result(`${answers.length} tasks answered:\n${lines.join('\n')}`, { answers });
      return answers.length === 2 ? 0 : 1;
    } finally {
      process.off('SIGINT', onSignal);
      await sandbox.close();
    }
  },
};
