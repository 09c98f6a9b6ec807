// `required_version` constraints (">= 0.1.0, < 1", "~> 0.1"), checked against cortado's version.
type Version = readonly [number, number, number];

function parseVersion(s: string): Version | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?$/.exec(s.trim());
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : undefined;
}

const cmp = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** Pure: undefined when `version` satisfies `constraint`, else the reason; throws on a malformed constraint. */
export function checkVersionConstraint(constraint: string, version: string): string | undefined {
  const v = parseVersion(version);
  if (!v) return undefined;
  for (const part of constraint.split(',')) {
    const m = /^\s*(>=|<=|!=|~>|=|>|<)?\s*(\S+)\s*$/.exec(part);
    const want = m ? parseVersion(m[2]!) : undefined;
    if (!m || !want) throw new Error(`malformed version constraint ${JSON.stringify(part.trim())} (expected e.g. ">= 0.1.0")`);
    const op = m[1] ?? '=';
    const c = cmp(v, want);
    const segments = m[2]!.replace(/^v/, '').split('.').length;
    const ok =
      op === '='
        ? c === 0
        : op === '!='
          ? c !== 0
          : op === '>'
            ? c > 0
            : op === '>='
              ? c >= 0
              : op === '<'
                ? c < 0
                : op === '<='
                  ? c <= 0
                  : c >= 0 && (segments <= 2 ? v[0] === want[0] : v[0] === want[0] && v[1] === want[1]);
    if (!ok) return `version ${version} does not satisfy ${op} ${m[2]}`;
  }
  return undefined;
}
