// Checks a parsed config object (ecspresso's keys, plus cortado's assume_role_arn and poll_interval) and fills defaults.
import { dirname, isAbsolute, join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { type ConfigFormat, DEFAULT_CLUSTER, DEFAULT_TIMEOUT_MS, type DeployConfig } from './config-types.js';
import { parseDuration } from './duration.js';
import { PLUGIN_NAMES } from './plugins/plugin-factory.js';
import type { PluginSpec } from './plugins/template-plugin.js';
import { describeValue } from './shape/shape.js';
import { findUnknownKeys, type ReadOptions, reportUnknownKeys } from './unknown-keys.js';
import { admitsEcspressoV2, checkVersionConstraint } from './version-constraint.js';

const KNOWN = [
  'region',
  'cluster',
  'service',
  'service_definition',
  'express_service_definition',
  'express_definition',
  'task_definition',
  'timeout',
  'plugins',
  'required_version',
  'ignore',
  'assume_role_arn',
  'poll_interval',
  'codedeploy',
  'appspec',
];
/** Sections other parts of cortado read from the same file (canary releases, preview environments). */
const OTHER_SECTIONS = ['canary', 'preview', 'env', 'schedules', 'autoscale'];
/** ecspresso keys for features cortado does not have: accepted, and said to be ignored. */
const IGNORED: Readonly<Record<string, string>> = {
  filter_command: 'filter_command is not used by cortado',
};

export interface ValidatedConfig {
  readonly config: DeployConfig;
  readonly warnings: readonly string[];
}

/** A wrong value: the field path and what is wrong with it. */
interface Problem {
  readonly field: string;
  readonly message: string;
}

export function validateConfig(
  raw: unknown,
  path: string,
  format: ConfigFormat,
  version: string,
  opts: Omit<ReadOptions, 'file'> = {},
): ValidatedConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new UsageError('BAD_CONFIG', `${path}: expected a mapping of settings at the top level, got ${describeValue(raw)}`, {
      file: path,
    });
  const r = raw as Record<string, unknown>;
  const policy = { ...opts, file: path };
  const found: Problem[] = [];
  const problems = {
    push: (field: string, message: string) => {
      found.push({ field, message });
    },
  };
  const warnings: string[] = [];
  const warn = (message: string, field: string) => {
    warnings.push(message);
    opts.warn?.(message, field);
  };
  const ecspresso = /(^|[\\/])ecspresso\.[a-z]+$/.test(path);
  const str = (key: string): string | undefined => {
    const v = r[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || v === '') {
      problems.push(key, `expected a non-empty string, got ${describeValue(v)}`);
      return undefined;
    }
    return v;
  };
  for (const key of Object.keys(r)) if (IGNORED[key]) warn(`${path}: "${key}" is ignored: ${IGNORED[key]}`, key);
  const rest = Object.fromEntries(Object.entries(r).filter(([k]) => !IGNORED[k]));
  warnings.push(...reportUnknownKeys(findUnknownKeys(rest, '', [...KNOWN, ...OTHER_SECTIONS]), policy));
  const dir = dirname(path);
  const rel = (p: string | undefined) => (p === undefined ? undefined : isAbsolute(p) ? p : join(dir, p));
  const region = str('region');
  const cluster = str('cluster') ?? DEFAULT_CLUSTER;
  const service = str('service');
  const serviceDefinitionPath = rel(str('service_definition'));
  const taskDefinitionPath = rel(str('task_definition'));
  // ecspresso's own key is express_definition; express_service_definition names the same file.
  const expressKey = r.express_service_definition !== undefined ? 'express_service_definition' : 'express_definition';
  if (r.express_service_definition !== undefined && r.express_definition !== undefined)
    problems.push('express_definition', 'names the same file as express_service_definition: keep one of the two');
  const expressServiceDefinitionPath = rel(str(expressKey));
  if (expressServiceDefinitionPath !== undefined && serviceDefinitionPath !== undefined)
    problems.push(
      expressKey,
      'cannot be used together with service_definition: an Express service is created from its own definition (remove one)',
    );
  if (
    service !== undefined &&
    serviceDefinitionPath === undefined &&
    r.service_definition === undefined &&
    r.express_service_definition === undefined &&
    r.express_definition === undefined
  )
    warn(`${path}: "service" is set without "service_definition": deploy can update the service but not create it`, 'service');
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (r.timeout !== undefined) {
    const t = typeof r.timeout === 'string' ? parseDuration(r.timeout) : undefined;
    if (t === undefined || t <= 0) problems.push('timeout', `expected a duration such as "10m" or "300s", got ${describeValue(r.timeout)}`);
    else timeoutMs = t;
  }
  let pollIntervalMs: number | undefined;
  if (r.poll_interval !== undefined) {
    const t = typeof r.poll_interval === 'string' ? parseDuration(r.poll_interval) : undefined;
    if (t === undefined || t < 10)
      problems.push('poll_interval', `expected a duration such as "5s" (at least 10ms), got ${describeValue(r.poll_interval)}`);
    else pollIntervalMs = t;
  }
  const plugins = checkPlugins(r.plugins, problems, (k, at) =>
    warnings.push(...reportUnknownKeys(findUnknownKeys(k, at, PLUGIN_KEYS), policy)),
  );
  const ignoreTags = checkIgnore(r.ignore, problems, (k) =>
    warnings.push(...reportUnknownKeys(findUnknownKeys(k, 'ignore', ['tags']), policy)),
  );
  const requiredVersion = str('required_version');
  if (requiredVersion !== undefined) {
    try {
      const why = checkVersionConstraint(requiredVersion, version);
      if (why && admitsEcspressoV2(requiredVersion))
        warn(
          `${path}: required_version ${JSON.stringify(requiredVersion)} names an ecspresso version (cortado ${version} reads ecspresso v2 projects)`,
          'required_version',
        );
      else if (why)
        problems.push('required_version', `${why}${ecspresso ? ', and as an ecspresso constraint it admits no v2 release' : ''}`);
    } catch (e) {
      problems.push('required_version', (e as Error).message);
    }
  }
  const assumeRoleArn = str('assume_role_arn');
  if (found.length) {
    const lines = found.map((p) => `field "${p.field}": ${p.message}`);
    throw new UsageError(
      'BAD_CONFIG',
      `${path}: ${lines.length === 1 ? lines[0] : `${lines.length} problems:\n  - ${lines.join('\n  - ')}`}`,
      { file: path, field: found[0]!.field },
    );
  }
  const config: DeployConfig = {
    path,
    dir,
    format,
    ecspresso,
    cluster,
    ...(taskDefinitionPath ? { taskDefinitionPath } : {}),
    timeoutMs,
    plugins,
    ignoreTags,
    ...(region ? { region } : {}),
    ...(service ? { service } : {}),
    ...(serviceDefinitionPath ? { serviceDefinitionPath } : {}),
    ...(expressServiceDefinitionPath ? { expressServiceDefinitionPath } : {}),
    ...(requiredVersion ? { requiredVersion } : {}),
    ...(assumeRoleArn ? { assumeRoleArn } : {}),
    ...(pollIntervalMs !== undefined ? { pollIntervalMs } : {}),
    ...codeDeployOf(r, problems),
  };
  return { config, warnings };
}

type Problems = { push(field: string, message: string): void };

/** ecspresso's `codedeploy: {application_name, deployment_group_name}` and `appspec:` (its Hooks are used). */
function codeDeployOf(r: Record<string, unknown>, problems: Problems): Pick<DeployConfig, 'codedeploy' | 'appspec'> {
  const out: { codedeploy?: NonNullable<DeployConfig['codedeploy']>; appspec?: NonNullable<DeployConfig['appspec']> } = {};
  const cd = r.codedeploy;
  if (cd !== undefined && cd !== null) {
    if (typeof cd !== 'object' || Array.isArray(cd)) problems.push('codedeploy', `expected a mapping, got ${describeValue(cd)}`);
    else {
      const c = cd as Record<string, unknown>;
      const str = (k: string) => {
        if (c[k] !== undefined && typeof c[k] !== 'string')
          problems.push(`codedeploy.${k}`, `expected a string, got ${describeValue(c[k])}`);
        return typeof c[k] === 'string' ? c[k] : undefined;
      };
      const applicationName = str('application_name');
      const deploymentGroupName = str('deployment_group_name');
      out.codedeploy = { ...(applicationName ? { applicationName } : {}), ...(deploymentGroupName ? { deploymentGroupName } : {}) };
    }
  }
  if (r.appspec !== undefined && r.appspec !== null) {
    if (typeof r.appspec !== 'object' || Array.isArray(r.appspec))
      problems.push('appspec', `expected a mapping, got ${describeValue(r.appspec)}`);
    else out.appspec = r.appspec as Record<string, unknown>;
  }
  return out;
}
const PLUGIN_KEYS = ['name', 'config', 'func_prefix'];

function checkPlugins(raw: unknown, problems: Problems, unknownKeys: (p: Record<string, unknown>, at: string) => void): PluginSpec[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    problems.push('plugins', `expected a list of {name, config, func_prefix}, got ${describeValue(raw)}`);
    return [];
  }
  const out: PluginSpec[] = [];
  raw.forEach((p, i) => {
    const at = `plugins[${i}]`;
    if (typeof p !== 'object' || p === null || Array.isArray(p)) {
      problems.push(at, `expected {name, config}, got ${describeValue(p)}`);
      return;
    }
    unknownKeys(p as Record<string, unknown>, at);
    const { name, config, func_prefix: prefix } = p as Record<string, unknown>;
    if (typeof name !== 'string') {
      problems.push(`${at}.name`, `expected a plugin name (${PLUGIN_NAMES.join(', ')}), got ${describeValue(name)}`);
      return;
    }
    if (![...PLUGIN_NAMES, 'cloudformation'].includes(name.toLowerCase())) {
      problems.push(`${at}.name`, `unknown plugin ${JSON.stringify(name)}; available plugins: ${PLUGIN_NAMES.join(', ')}`);
      return;
    }
    if (config !== undefined && (typeof config !== 'object' || config === null || Array.isArray(config))) {
      problems.push(`${at}.config`, `expected a mapping, got ${describeValue(config)}`);
      return;
    }
    if (prefix !== undefined && (typeof prefix !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(prefix))) {
      problems.push(`${at}.func_prefix`, `expected an identifier prefix such as "network_", got ${describeValue(prefix)}`);
      return;
    }
    out.push({ name, config: (config ?? {}) as Record<string, unknown>, funcPrefix: (prefix as string | undefined) ?? '' });
  });
  return out;
}

function checkIgnore(raw: unknown, problems: Problems, unknownKeys: (r: Record<string, unknown>) => void): string[] {
  if (raw === undefined || raw === null) return [];
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push('ignore', `expected a mapping such as {tags: [...]}, got ${describeValue(raw)}`);
    return [];
  }
  unknownKeys(raw as Record<string, unknown>);
  const { tags } = raw as Record<string, unknown>;
  if (tags === undefined) return [];
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string')) {
    problems.push('ignore.tags', `expected a list of tag keys, got ${describeValue(tags)}`);
    return [];
  }
  return tags as string[];
}
