// Reads --envfile files (dotenv syntax): KEY=value lines, quotes, comments, `export` prefixes.
export interface EnvfileEntry { readonly key: string; readonly value: string }

/** Pure: parses one file's text; errors name the line. */
export function parseEnvfile(text: string, where: string): EnvfileEntry[] {
  const out: EnvfileEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/.exec(line);
    if (!m) throw new Error(`${where}:${n + 1}: expected KEY=value, got ${JSON.stringify(line)}`);
    let value = m[2]!;
    const q = value[0];
    if (q === '"' || q === "'") {
      const end = value.lastIndexOf(q);
      if (end <= 0) throw new Error(`${where}:${n + 1}: unterminated quoted value for ${m[1]}`);
      value = value.slice(1, end);
      if (q === '"') value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    } else {
      value = value.replace(/\s+#.*$/, '');
    }
    out.push({ key: m[1]!, value });
  }
  return out;
}
