// `required_version` constraints (">= 0.1.0, < 1", "~> 0.1": hashicorp/go-version's syntax, as ecspresso reads them).
type Version = readonly [number, number, number];

interface Constraint {
  readonly op: string;
  readonly want: Version;
  readonly text: string;
  /** How many segments the constraint named ("~> 2.1" pins the major, "~> 2.1.0" the minor). */
  readonly segments: number;
}

function parseVersion(s: string): Version | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?$/.exec(s.trim());
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : undefined;
}

const cmp = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** Pure: the comma-separated constraints; throws on a malformed one. */
export function parseConstraints(constraint: string): readonly Constraint[] {
  return constraint.split(',').map((part) => {
    const m = /^\s*(>=|<=|!=|~>|=|>|<)?\s*(\S+)\s*$/.exec(part);
    const want = m ? parseVersion(m[2]!) : undefined;
    if (!m || !want) throw new Error(`malformed version constraint ${JSON.stringify(part.trim())} (expected e.g. ">= 0.1.0")`);
    return { op: m[1] ?? '=', want, text: m[2]!, segments: m[2]!.replace(/^v/, '').split('.').length };
  });
}

function satisfies(v: Version, c: Constraint): boolean {
  const d = cmp(v, c.want);
  switch (c.op) {
    case '=':
      return d === 0;
    case '!=':
      return d !== 0;
    case '>':
      return d > 0;
    case '>=':
      return d >= 0;
    case '<':
      return d < 0;
    case '<=':
      return d <= 0;
    default:
      return d >= 0 && (c.segments <= 2 ? v[0] === c.want[0] : v[0] === c.want[0] && v[1] === c.want[1]);
  }
}

/** Pure: undefined when `version` satisfies `constraint`, else the reason; throws on a malformed constraint. */
export function checkVersionConstraint(constraint: string, version: string): string | undefined {
  const v = parseVersion(version);
  if (!v) return undefined;
  const failed = parseConstraints(constraint).find((c) => !satisfies(v, c));
  return failed ? `version ${version} does not satisfy ${failed.op} ${failed.text}` : undefined;
}

/**
 * Pure: whether the constraint admits some ecspresso v2 release (the generation whose files and command lines cortado
 * reads): its candidates are 2.0.0, the largest 2.x, and each v2 version it names and the ones right after it.
 */
export function admitsEcspressoV2(constraint: string): boolean {
  const cs = parseConstraints(constraint);
  const candidates: Version[] = [
    [2, 0, 0],
    [2, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  ];
  for (const c of cs) {
    if (c.want[0] !== 2) continue;
    const [, minor, patch] = c.want;
    candidates.push(c.want, [2, minor, patch + 1], [2, minor + 1, 0]);
  }
  return candidates.some((v) => cs.every((c) => satisfies(v, c)));
}
