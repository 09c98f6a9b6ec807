// Reads what `schedule import` converts: an ecschedule file (rendered with the env template functions), or the account's rules.
import { UsageError } from '../core/errors.js';
import { envNatives, type LoadedConfig } from '../config/load-config.js';
import { renderFile } from '../config/render-file.js';
import { envFunctions } from '../config/template/env-functions.js';
import type { EventsApi } from '../aws/events-api.js';
import { fromEcschedule, fromRules, type ImportResult } from './import-jobs.js';

export async function importEcschedule(file: string, loaded: LoadedConfig): Promise<ImportResult> {
  const env = loaded.env;
  const doc = await renderFile(file, 'ecschedule file', {
    functions: envFunctions(env),
    natives: envNatives(env),
    extStr: loaded.extStr,
    extCode: loaded.extCode,
  });
  const result = fromEcschedule(doc, loaded.config.cluster);
  if (Object.keys(result.jobs).length === 0 && result.skipped.length && /no rules/.test(result.skipped[0]!))
    throw new UsageError('SCHEDULE_IMPORT', `${file}: ${result.skipped[0]}`, {
      file,
      hint: 'ecschedule files have region, cluster and a rules: list',
    });
  return result;
}

/** Every scheduled rule of the default bus (or those whose name starts with `prefix`) with its targets. */
export async function importRules(events: EventsApi, prefix: string | undefined, signal: AbortSignal): Promise<ImportResult> {
  const found = [];
  let token: string | undefined;
  do {
    const page = await events.listRules({ ...(prefix ? { NamePrefix: prefix } : {}), ...(token ? { NextToken: token } : {}) }, signal);
    for (const rule of page.Rules ?? []) {
      if (!rule.ScheduleExpression || !rule.Name) continue;
      const targets = (await events.listTargetsByRule({ Rule: rule.Name }, signal)).Targets ?? [];
      found.push({ rule, targets });
    }
    token = page.NextToken;
  } while (token);
  return fromRules(found);
}
