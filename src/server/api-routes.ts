// The API's routes as data: path, method, the role each needs, request and response schemas — the OpenAPI document comes from here.
import { createRoute, z } from '@hono/zod-openapi';
import type { Role } from './server-config.js';

export const errorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional(), field: z.string().optional() }) })
  .openapi('Error');
const json = z.looseObject({}).openapi('Json');
const appParam = z.object({ app: z.string().openapi({ param: { name: 'app', in: 'path' }, example: 'api' }) });
const envParam = appParam.extend({ name: z.string().openapi({ param: { name: 'name', in: 'path' }, example: 'pr-42' }) });

export const startBody = z
  .object({ tag: z.string().min(1).max(128).optional(), image: z.string().min(1).max(512).optional() })
  .strict()
  .refine((b) => !(b.tag && b.image), { message: 'tag and image are exclusive' });
export const promoteBody = z.object({ skipAnalysis: z.boolean().optional() }).strict();
export const envBody = z
  .object({
    name: z.string().min(1).max(100),
    image: z.string().min(1).max(512).optional(),
    tag: z.string().min(1).max(128).optional(),
    environment: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string().max(4096)).optional(),
  })
  .strict()
  .refine((b) => !(b.tag && b.image), { message: 'tag and image are exclusive' });
export const gcBody = z.object({ olderThan: z.string().max(20).optional(), dryRun: z.boolean().optional() }).strict();

const errors = {
  401: { description: 'no credentials, or bad ones', content: { 'application/json': { schema: errorSchema } } },
  403: { description: 'role too low, or CSRF token missing', content: { 'application/json': { schema: errorSchema } } },
  404: { description: 'no such application (or resource)', content: { 'application/json': { schema: errorSchema } } },
};
const ok = (description: string, status: 200 | 201 | 202 = 200) => ({
  [status]: { description, content: { 'application/json': { schema: json } } },
  ...errors,
});
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: false } });

export interface ApiRoute {
  /** The least role the route needs on the app; `any` = any authenticated principal. */
  readonly role: Role | 'any';
  readonly def: ReturnType<typeof createRoute>;
}

const r = (role: ApiRoute['role'], def: Parameters<typeof createRoute>[0]): ApiRoute => ({ role, def: createRoute(def) });

export const API_ROUTES: readonly ApiRoute[] = [
  r('any', { method: 'get', path: '/api/me', summary: 'who you are, your roles per app, the CSRF token', responses: ok('you') }),
  r('any', { method: 'get', path: '/api/apps', summary: 'the applications you may see', responses: ok('applications') }),
  r('viewer', {
    method: 'get',
    path: '/api/apps/{app}/canary',
    summary: 'the release as `cortado canary status --output json`, plus the last audited actions',
    request: { params: appParam },
    responses: ok('canary status'),
  }),
  r('viewer', {
    method: 'get',
    path: '/api/apps/{app}/canary/events',
    summary: 'server-sent events: `status` (same JSON) at least every poll interval, `end` when no release is in progress',
    request: { params: appParam },
    responses: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: z.string() } } }, ...errors },
  }),
  r('operator', {
    method: 'post',
    path: '/api/apps/{app}/canary/start',
    summary: 'start a release (tag or image); the server runs its controller',
    request: { params: appParam, ...body(startBody) },
    responses: ok('accepted', 202),
  }),
  ...(['pause', 'resume', 'promote', 'abort'] as const).map((a) =>
    r('operator', {
      method: 'post',
      path: `/api/apps/{app}/canary/${a}`,
      summary: `${a} the release in progress`,
      request: { params: appParam, ...(a === 'promote' ? body(promoteBody) : {}) },
      responses: ok(a),
    }),
  ),
  r('viewer', {
    method: 'get',
    path: '/api/apps/{app}/envs',
    summary: 'preview environments',
    request: { params: appParam },
    responses: ok('envs'),
  }),
  r('operator', {
    method: 'post',
    path: '/api/apps/{app}/envs',
    summary: 'create (or update) a preview environment',
    request: { params: appParam, ...body(envBody) },
    responses: ok('created', 201),
  }),
  r('operator', {
    method: 'delete',
    path: '/api/apps/{app}/envs/{name}',
    summary: 'delete a preview environment',
    request: { params: envParam },
    responses: ok('deleted'),
  }),
  r('admin', {
    method: 'post',
    path: '/api/apps/{app}/envs/gc',
    summary: 'delete stale preview environments',
    request: { params: appParam, ...body(gcBody) },
    responses: ok('gc result'),
  }),
  r('viewer', {
    method: 'get',
    path: '/api/apps/{app}/service',
    summary: 'the service as `cortado status`',
    request: { params: appParam },
    responses: ok('service'),
  }),
  r('viewer', {
    method: 'get',
    path: '/api/apps/{app}/deploys',
    summary: 'task definition revisions, the current one marked (`cortado revisions`)',
    request: { params: appParam },
    responses: ok('revisions'),
  }),
  r('viewer', {
    method: 'get',
    path: '/api/apps/{app}/autoscale',
    summary: 'the autoscaler as `cortado autoscale status`',
    request: { params: appParam },
    responses: ok('autoscale status'),
  }),
];

/** Hono's path syntax for an OpenAPI path: `{app}` → `:app`. */
export const honoPath = (p: string): string => p.replace(/\{(\w+)\}/g, ':$1');
