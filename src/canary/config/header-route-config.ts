// Parses `canary.header_route`: a header (or a cookie) that sends testers to the canary before any weight moves.
import type { HeaderRouteSpec } from '../routers/header-route-spec.js';
import type { SectionReader } from './config-reader.js';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,40}$/;
const COOKIE_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** `header_route: { header: X-Canary, values: [always], duration: 60 }` or `{ cookie: canary, value: always }`. */
export function parseHeaderRoute(r: SectionReader, v: unknown, defaultDurationMs: number): HeaderRouteSpec {
  const path = 'canary.header_route';
  const m = r.mapping(path, v);
  r.keys(path, m, ['header', 'cookie', 'values', 'value', 'duration']);
  if ((m.header === undefined) === (m.cookie === undefined))
    throw r.fail(path, 'exactly one of header (an HTTP header name) or cookie (a cookie name)', v);
  if (m.values !== undefined && m.value !== undefined) throw r.fail(`${path}.values`, 'either values or value, not both', m.values);
  const raw = m.values !== undefined ? r.list(`${path}.values`, m.values) : [m.value ?? 'always'];
  const values = raw.map((x, i) => r.str(`${path}.values[${i}]`, typeof x === 'number' ? String(x) : x));
  if (values.length === 0 || values.length > 5)
    throw r.fail(`${path}.values`, '1 to 5 values (an ALB condition takes at most 5)', m.values);
  values.forEach((x, i) => {
    if (x.length > 128) throw r.fail(`${path}.values[${i}]`, 'at most 128 characters', x);
  });
  const durationMs =
    m.duration === undefined ? defaultDurationMs : r.duration(`${path}.duration`, m.duration, { bareSeconds: true, min: 0 });
  if (m.header !== undefined) {
    const header = r.str(`${path}.header`, m.header);
    if (!TOKEN.test(header)) throw r.fail(`${path}.header`, 'an HTTP header name of at most 40 token characters', header);
    if (/^(host|cookie)$/i.test(header))
      throw r.fail(`${path}.header`, 'a header other than Host (a host-header rule) or Cookie (use cookie:)', header);
    return { header, values, durationMs, describe: `header ${header}: ${values.join(' | ')}` };
  }
  const cookie = r.str(`${path}.cookie`, m.cookie);
  if (!COOKIE_NAME.test(cookie)) throw r.fail(`${path}.cookie`, 'a cookie name (token characters)', cookie);
  // A cookie is a Cookie header condition with the pair anywhere in it.
  return {
    header: 'Cookie',
    values: values.map((x) => `*${cookie}=${x}*`),
    durationMs,
    describe: `cookie ${cookie}=${values.join(' | ')}`,
  };
}
