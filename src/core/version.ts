// The package version, read once from package.json (kept out of hot paths: `cortado --version` is benchmarked).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

let cached: string | undefined;

export function version(): string {
  if (cached) return cached;
  const pkg = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  cached = pkg.version;
  return cached;
}
