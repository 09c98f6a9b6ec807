// ALB condition wildcards (`*` any run, `?` one character, `\*`/`\?` literal) compiled to anchored regular expressions.
const special = /[.+^${}()|[\]\\/-]/g;

/** `*.example.com` → /^.*\.example\.com$/ ; backslash-escaped `*` and `?` stay literal (query-string conditions). */
export function wildcardRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '?')) {
      out += `\\${pattern[i + 1]!}`;
      i++;
    } else if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else out += c.replace(special, '\\$&');
  }
  return new RegExp(`^${out}$`, caseInsensitive ? 'is' : 's');
}

/** Number of unescaped wildcard characters, for the per-rule wildcard quota. */
export function countWildcards(pattern: string): number {
  let n = 0;
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === '*' || pattern[i] === '?') n++;
  }
  return n;
}
