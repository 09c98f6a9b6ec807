// Short names for AWS resources on screen: a service or target group by its name, a listener rule by its id's tail, not a full ARN.

const ARN = /\barn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d*:[^\s,;'"()[\]{}]+/g;
const tail = (id: string) => `…/${id.slice(-4)}`;

/**
 * `arn:aws:ecs:…:service/demo/api` → `api`, `…:task-definition/shop:2` → `shop:2`, `…:targetgroup/shop-canary/ee7f…` →
 * `shop-canary`, `…:loadbalancer/app/shop-alb/…` → `shop-alb`, `…:listener-rule/app/shop-alb/a/b/abcd1234` → `rule/…/1234`,
 * `…:listener/app/shop-alb/a/b` → `listener/…/<last 4>`, `…:log-group:/ecs/web` → `/ecs/web`. Anything that is not an ARN is returned unchanged.
 */
export function shortName(arnOrName: string): string {
  if (!arnOrName.startsWith('arn:')) return arnOrName;
  const parts = arnOrName.split(':');
  if (parts.length < 6) return arnOrName;
  const service = parts[2]!;
  const resource = parts.slice(5).join(':');
  const path = resource.split('/');
  const kind = path[0]!;
  const last = path[path.length - 1]!;
  const colon = /^[a-z-]+:(.+)$/.exec(resource);
  if (colon && !/^[^:]*\//.test(resource)) return colon[1]!;
  if (path.length === 1) return resource;
  if (service === 'elasticloadbalancing') {
    if (kind === 'targetgroup') return path[1]!;
    if (kind === 'loadbalancer') return path[path.length - 2]!;
    if (kind === 'listener-rule') return `rule/${tail(last)}`;
    if (kind === 'listener') return `listener/${tail(last)}`;
  }
  return last;
}

/** The same inside free text (event messages, reasons): every ARN replaced by its short name. */
export function shortenArns(text: string): string {
  return text.includes('arn:') ? text.replace(ARN, (a) => shortName(a)) : text;
}
