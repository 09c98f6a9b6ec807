// Definitions may use PascalCase keys (CloudFormation style): rewrite them to the API's camelCase, leaving free-form maps alone.
/** Maps whose keys are user data (Docker labels, log driver options), not API member names. */
const FREE_FORM = new Set(['dockerLabels', 'options', 'driverOpts', 'labels']);

/** `ContainerDefinitions` → `containerDefinitions`, `DNSServers` → `dnsServers`, `Cpu` → `cpu`. */
export function camelKey(key: string): string {
  return key.replace(/^[A-Z]+(?=[A-Z][a-z])|^[A-Z]+$|^[A-Z]/, (m) => m.toLowerCase());
}

export function camelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCaseKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const key = camelKey(k);
    out[key] = FREE_FORM.has(key) ? v : camelCaseKeys(v);
  }
  return out;
}
