// `cortado schedule diff`: what `schedule apply` would change, schedule by schedule, normalised like `cortado diff`.
import type { CliCommand } from '../command.js';
import { flag, useColor } from './deploy-options.js';
import { optionalJob, SCHEDULES_HELP, SCHEDULES_OPTION, withSchedules } from './schedule-options.js';

export const scheduleDiff: CliCommand = {
  usage: 'cortado schedule diff [JOB] [--prune] [--exit-code]',
  options: { ...SCHEDULES_OPTION, prune: { type: 'boolean' }, 'exit-code': { type: 'boolean' } },
  help: `Options:
  --prune          also show the schedules of cortado's group that apply --prune would delete
  --exit-code      exit 1 when apply would change something (for CI checks)
${SCHEDULES_HELP}

Each schedule is compared with what EventBridge Scheduler holds (AWS's defaults filled in, the
Input overrides parsed, tags sorted): a unified diff from AWS (---) to the file (+++). The group,
the scheduler role and the history rule are listed when they would be created or changed.

Examples:
  cortado schedule diff
  cortado schedule diff nightly-report
  cortado schedule diff --output json | jq '.changes'`,
  async run(args, host) {
    const job = optionalJob(args, 'diff');
    const { result, text } = await withSchedules(args, host, async (deps) => {
      const { planApply, planChanges, strays } = await import('../../schedules/apply-schedules.js');
      const plan = await planApply(deps, { prune: flag(args, 'prune'), ...(job ? { job } : {}) });
      const changes = planChanges(plan).filter((c) => c.kind !== 'keep');
      const unified = plan.schedules.flatMap((s) => (s.kind === 'create' || s.kind === 'update' ? [s.diff.unified] : []));
      const lines = [
        ...changes.filter((c) => c.resource !== 'schedule').map((c) => `${c.kind} ${c.resource} ${c.name}`),
        ...plan.schedules
          .filter((s) => s.kind === 'delete')
          .map((s) => `${s.kind === 'delete' && s.pruned ? 'delete' : 'not in the file (apply --prune deletes it)'}: schedule ${s.name}`),
      ];
      let body = [...lines, ...unified].join('\n').trim();
      if (body && useColor()) body = (await import('../../diff/definition-diff.js')).colorDiff(body);
      return {
        text: body || 'no difference',
        result: {
          changed: changes.length > 0,
          changes,
          strays: strays(plan),
          schedules: plan.schedules.map((s) => ({
            name: s.name,
            kind: s.kind,
            ...('diff' in s ? { changes: s.diff.changes, unified: s.diff.unified } : {}),
          })),
        },
      };
    });
    host.result(text, result);
    return result.changed && flag(args, 'exit-code') ? 1 : 0;
  },
};
