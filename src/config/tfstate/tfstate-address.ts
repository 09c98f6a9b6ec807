// Parses a tfstate-lookup address (`module.m[0].aws_lb.main.arn`, `output.vpc_id`, `aws_iam_role.r["k"].arn`) into parts.
export type AddressPart = { readonly kind: 'name'; readonly name: string } | { readonly kind: 'index'; readonly key: number | string };

export function parseAddress(address: string): AddressPart[] {
  const parts: AddressPart[] = [];
  let i = 0;
  const s = address.trim();
  if (!s) throw new Error('empty address');
  while (i < s.length) {
    const c = s[i]!;
    if (c === '.') {
      i++;
      continue;
    }
    if (c === '[') {
      const q = s[i + 1];
      if (q === '"' || q === "'") {
        const end = s.indexOf(`${q}]`, i + 2);
        if (end < 0) throw new Error(`unclosed index at column ${i + 1} of ${JSON.stringify(address)}`);
        parts.push({ kind: 'index', key: s.slice(i + 2, end) });
        i = end + 2;
        continue;
      }
      const end = s.indexOf(']', i);
      const raw = s.slice(i + 1, end);
      if (end < 0 || !/^\d+$/.test(raw))
        throw new Error(
          `bad index ${JSON.stringify(s.slice(i, end < 0 ? undefined : end + 1))} in ${JSON.stringify(address)}: expected [0] or ["key"]`,
        );
      parts.push({ kind: 'index', key: Number(raw) });
      i = end + 1;
      continue;
    }
    const m = /^[^.[\]]+/.exec(s.slice(i));
    if (!m) throw new Error(`unexpected ${JSON.stringify(c)} at column ${i + 1} of ${JSON.stringify(address)}`);
    parts.push({ kind: 'name', name: m[0] });
    i += m[0].length;
  }
  return parts;
}
