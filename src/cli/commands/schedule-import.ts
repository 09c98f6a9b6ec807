// `cortado schedule import`: an ecschedule file, or the account's EventBridge rules that run ECS tasks, printed as a schedules: section.
import { resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { msg } from '../../core/io-host.js';
import type { CliCommand } from '../command.js';
import { stringOption } from '../command.js';
import { withSession } from '../session-host.js';
import { flag } from './deploy-options.js';

export const scheduleImport: CliCommand = {
  usage: 'cortado schedule import ecschedule.yaml | --rules [--prefix P]',
  options: { rules: { type: 'boolean' }, prefix: { type: 'string' } },
  help: `Options:
  --rules          import the scheduled EventBridge rules (default bus) whose targets run ECS tasks
  --prefix P       only rules whose name starts with P

Prints a schedules: section for cortado.yml; nothing in AWS changes. EventBridge rules run in UTC,
so every job says timezone: UTC (change it to a zone of yours: EventBridge Scheduler follows its
DST). What cannot be carried over (a rules role, propagateTags, a DLQ given by queue name, input
transformers) is listed on stderr. After checking the output: cortado schedule apply, then delete
the old rules (ecschedule's, or with aws events delete-rule).

Examples:
  cortado schedule import ecschedule.yaml >> cortado.yml
  cortado schedule import --rules --prefix batch- --output json`,
  async run(args, host) {
    const useRules = flag(args, 'rules');
    if (useRules === (args.positionals.length === 1) || args.positionals.length > 1)
      throw new UsageError(
        'BAD_ARGUMENTS',
        'cortado schedule import takes an ecschedule file or --rules (one of them)',
        'see cortado schedule import --help',
      );
    const result = await withSession(args, host, async (session) => {
      const src = await import('../../schedules/import-sources.js');
      return useRules
        ? src.importRules(await session.aws.events(), stringOption(args, 'prefix'), session.signal)
        : src.importEcschedule(resolve(process.cwd(), args.positionals[0]!), session.loaded);
    });
    for (const s of result.skipped) host.notify(msg('warn', 'SCHEDULE_IMPORT_SKIPPED', s));
    const { stringify } = await import('yaml');
    host.result(stringify({ schedules: { jobs: result.jobs } }).trimEnd(), result);
    return 0;
  },
};
