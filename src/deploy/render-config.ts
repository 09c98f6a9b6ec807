// `render config` in ecspresso's shape: its keys, in its order, the timeout as a Go duration, paths as the config names them.
import { relative } from 'node:path';
import type { DeployConfig } from '../config/config-types.js';

/** Pure: Go's time.Duration String() for whole milliseconds: 10m0s, 1h30m0s, 90ms, 1.5s. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = `${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')}s`;
  return h > 0 ? `${h}h${m}m${sec}` : m > 0 ? `${m}m${sec}` : sec;
}

/** Pure: the config as ecspresso v2 prints it (cortado-only settings such as poll_interval are left out). */
export function ecspressoConfig(c: DeployConfig): Record<string, unknown> {
  const rel = (p: string | undefined) => (p === undefined ? undefined : relative(c.dir, p) || '.');
  const entries: [string, unknown][] = [
    ['required_version', c.requiredVersion],
    ['region', c.region ?? ''],
    ['cluster', c.cluster],
    ['service', c.service ?? ''],
    ['service_definition', rel(c.serviceDefinitionPath) ?? ''],
    ['task_definition', rel(c.taskDefinitionPath) ?? ''],
    ['express_definition', rel(c.expressServiceDefinitionPath)],
    [
      'plugins',
      c.plugins.length
        ? c.plugins.map((p) => ({ name: p.name, config: p.config, ...(p.funcPrefix ? { func_prefix: p.funcPrefix } : {}) }))
        : undefined,
    ],
    ['timeout', goDuration(c.timeoutMs)],
    ['ignore', c.ignoreTags.length ? { tags: [...c.ignoreTags] } : undefined],
    ['assume_role_arn', c.assumeRoleArn],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined));
}
