// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) and prints their figures.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

export interface BenchFigure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** What the figure is compared with, when it is a ratio or has a target. */
  readonly note?: string;
}

export interface BenchModule {
  readonly title: string;
  /** A bench that runs only when named on the command line (e.g. a half-hour soak). */
  readonly onlyWhenNamed?: boolean;
  run(): Promise<readonly BenchFigure[]>;
}

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.includes(o))))
  .sort();
let failed = 0;
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as BenchModule;
  if (mod.onlyWhenNamed && only.length === 0) continue;
  process.stdout.write(`\n## ${mod.title} (${file})\n`);
  try {
    for (const f of await mod.run()) {
      const value = Number.isInteger(f.value) ? String(f.value) : f.value.toFixed(f.value < 10 ? 3 : 1);
      process.stdout.write(`  ${f.name.padEnd(60)} ${value.padStart(12)} ${f.unit}${f.note ? `   (${f.note})` : ''}\n`);
    }
  } catch (e) {
    failed++;
    process.stdout.write(`  FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  }
}
process.exitCode = failed ? 1 : 0;
