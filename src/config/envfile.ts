// Reads --envfile files (dotenv syntax): KEY=value lines, quotes, comments, `export` prefixes.
import { UsageError } from '../core/errors.js';
import { parseKeyValue } from './key-value.js';

export interface EnvfileEntry {
  readonly key: string;
  readonly value: string;
}

const KEY = { key: /^[A-Za-z_][A-Za-z0-9_.]*$/, keyIs: 'a variable name', code: 'BAD_ENVFILE' } as const;

/** Pure: parses one file's text; errors name the file and line. */
export function parseEnvfile(text: string, where: string): EnvfileEntry[] {
  const out: EnvfileEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.trim();
    if (!line || line.startsWith('#')) continue;
    const [rawKey, rawValue] = parseKeyValue(line.replace(/^export\s+/, '').replace(/\s*=\s*/, '='), `${where}:${n + 1}`, KEY);
    let value = rawValue;
    const q = value[0];
    if (q === '"' || q === "'") {
      const end = value.lastIndexOf(q);
      if (end <= 0)
        throw new UsageError('BAD_ENVFILE', `${where}:${n + 1}: unterminated quoted value for ${rawKey}`, { file: where, field: rawKey });
      value = value.slice(1, end);
      if (q === '"') value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    } else {
      value = value.replace(/\s+#.*$/, '');
    }
    out.push({ key: rawKey, value });
  }
  return out;
}
