// Responses the load balancer itself generates: its 502/503/504 pages, fixed responses and redirect locations.
import type { RouteAction } from './route-table.js';

const REASONS: Readonly<Record<number, string>> = {
  500: '500 Internal Server Error',
  502: '502 Bad Gateway',
  503: '503 Service Temporarily Unavailable',
  504: '504 Gateway Time-out',
};

/** The HTML page an ALB answers with for its own 5xx errors (its `Server` header is awselb/2.0). */
export function elbErrorPage(status: number): { readonly headers: Record<string, string>; readonly body: string } {
  const title = REASONS[status] ?? String(status);
  const body = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`;
  return { headers: { server: 'awselb/2.0', 'content-type': 'text/html', 'content-length': String(Buffer.byteLength(body)) }, body };
}

export interface RedirectContext {
  /** `http` or `https`: the listener's protocol as the client used it. */
  readonly protocol: string;
  readonly host: string;
  /** The listener's port (not the local mapped port). */
  readonly port: number;
  readonly path: string;
  readonly query: string;
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443 };

/** Expands #{protocol}, #{host}, #{port}, #{path} (without its leading slash) and #{query} as the ALB does. */
export function redirectLocation(action: Extract<RouteAction, { kind: 'redirect' }>, ctx: RedirectContext): string {
  const fill = (template: string) =>
    template
      .replace(/#\{protocol\}/g, ctx.protocol)
      .replace(/#\{host\}/g, ctx.host)
      .replace(/#\{port\}/g, String(ctx.port))
      .replace(/#\{path\}/g, ctx.path.replace(/^\//, ''))
      .replace(/#\{query\}/g, ctx.query);
  const protocol = fill(action.protocol).toLowerCase();
  const port = fill(action.port);
  const portPart = Number(port) === DEFAULT_PORTS[protocol] ? '' : `:${port}`;
  const query = fill(action.query);
  return `${protocol}://${fill(action.host)}${portPart}${fill(action.path)}${query ? `?${query}` : ''}`;
}
