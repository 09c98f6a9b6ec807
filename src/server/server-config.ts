// cortado-server.yml: the applications the server serves, who may do what, Slack and audit settings — validated with zod.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { UsageError } from '../core/errors.js';

export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const roleRank = (r: Role): number => ROLES.indexOf(r);

const duration = z
  .string()
  .regex(/^\d+(ms|s|m)$/, 'a duration such as 500ms, 10s or 2m')
  .transform((s) => {
    const n = Number(/^\d+/.exec(s)![0]);
    return s.endsWith('ms') ? n : s.endsWith('s') ? n * 1000 : n * 60_000;
  });

const token = z
  .object({
    principal: z.string().regex(/^[\w.@-]{1,64}$/, 'a principal name of letters, digits, . @ _ -'),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'the hex sha256 of the token')
      .optional(),
    ssm: z.string().min(1).optional(),
    secret: z.string().min(1).optional(),
  })
  .strict()
  .refine((t) => [t.sha256, t.ssm, t.secret].filter((x) => x !== undefined).length === 1, {
    message: 'exactly one of sha256, ssm (a Parameter Store name) or secret (a Secrets Manager id)',
  });

export const serverConfigSchema = z
  .object({
    applications: z.record(
      z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'an application name of lower-case letters, digits and -'),
      z.object({ config: z.string().min(1) }).strict(),
    ),
    tokens: z.array(token).default([]),
    /** principal → application (or "*") → role. */
    roles: z.record(z.string(), z.record(z.string(), z.enum(ROLES))).default({}),
    session: z
      .object({
        secret_env: z.string().default('CORTADO_SERVER_SESSION_SECRET'),
        ttl: duration.default(8 * 3_600_000),
      })
      .strict()
      .default({ secret_env: 'CORTADO_SERVER_SESSION_SECRET', ttl: 8 * 3_600_000 }),
    slack: z
      .object({
        signing_secret_env: z.string().default('SLACK_SIGNING_SECRET'),
        /** Slack user id → principal. */
        users: z.record(z.string(), z.string()).default({}),
        /** An incoming webhook, or https://slack.com/api/chat.postMessage (then token_env and channel). */
        notify_url: z.string().url().optional(),
        token_env: z.string().optional(),
        channel: z.string().optional(),
      })
      .strict()
      .optional(),
    audit: z
      .object({ log_group: z.string().default('/cortado/server/audit') })
      .strict()
      .default({ log_group: '/cortado/server/audit' }),
    takeover: z
      .object({ every: duration.default(10_000), enabled: z.boolean().default(true) })
      .strict()
      .default({ every: 10_000, enabled: true }),
    rate_limit: z
      .object({ per_minute: z.number().int().min(1).default(600) })
      .strict()
      .default({ per_minute: 600 }),
    /** How often SSE re-reads a release. */
    poll: duration.default(2_000),
    body_limit: z.number().int().min(1024).max(10_485_760).default(65_536),
  })
  .strict();

export type ServerConfig = z.infer<typeof serverConfigSchema> & { readonly path: string; readonly dir: string };

/** Parses the document; bad input is a UsageError naming the file, the field and what was expected. */
export function parseServerConfig(raw: unknown, path: string): ServerConfig {
  const r = serverConfigSchema.safeParse(raw ?? {});
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = issue.path.join('.');
    throw new UsageError('SERVER_CONFIG', `${path}: ${field || '(document)'}: ${issue.message}`, { file: path, field });
  }
  for (const [principal, apps] of Object.entries(r.data.roles))
    for (const app of Object.keys(apps))
      if (app !== '*' && !(app in r.data.applications)) {
        const known = Object.keys(r.data.applications).join(', ');
        throw new UsageError('SERVER_CONFIG', `${path}: roles.${principal}.${app}: no application ${app} (applications: ${known})`, {
          file: path,
          field: `roles.${principal}.${app}`,
        });
      }
  return { ...r.data, path, dir: dirname(resolve(path)) };
}

export async function loadServerConfig(path: string, cwd: string): Promise<ServerConfig> {
  const full = resolve(cwd, path);
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch {
    throw new UsageError('CONFIG_NOT_FOUND', `${path}: cannot read the server config`, 'pass --server-config FILE');
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new UsageError('BAD_YAML', `${path}: ${(e as Error).message}`, { file: path });
  }
  return parseServerConfig(raw, path);
}

/** The cortado config path of an application, relative to the server config's folder. */
export const appConfigPath = (cfg: ServerConfig, app: string): string => resolve(cfg.dir, cfg.applications[app]!.config);
