// The OpenAPI 3 document, generated from the route table's zod schemas (api-routes.ts), once per process.
import { OpenAPIHono } from '@hono/zod-openapi';
import { version } from '../core/version.js';
import { API_ROUTES } from './api-routes.js';

let doc: unknown;

export function openApiDocument(): unknown {
  if (doc) return doc;
  const app = new OpenAPIHono();
  const registry = app.openAPIRegistry;
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  registry.registerComponent('securitySchemes', 'cookie', { type: 'apiKey', in: 'cookie', name: 'cortado_session' });
  for (const r of API_ROUTES)
    registry.registerPath({
      ...r.def,
      security: [{ bearer: [] }, { cookie: [] }],
      description: `${r.def.description ?? ''}${r.role === 'any' ? 'Any signed-in principal.' : `Needs the ${r.role} role on the app.`}`,
      'x-cortado-role': r.role,
    } as typeof r.def);
  doc = app.getOpenAPIDocument({
    openapi: '3.0.3',
    info: { title: 'cortado server', version: version() },
    servers: [{ url: '/' }],
  });
  return doc;
}
