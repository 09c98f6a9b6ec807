// Persists every service's snapshot under --state-dir, written atomically, so state survives a restart.
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxService } from './service.js';

const FILE = 'sandbox-state.json';
const VERSION = 1;

export function saveState(dir: string, services: readonly SandboxService[]): void {
  mkdirSync(dir, { recursive: true });
  const data: Record<string, unknown> = {};
  for (const s of services) if (s.snapshot) data[s.name] = s.snapshot();
  const tmp = join(dir, `${FILE}.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify({ version: VERSION, savedAt: new Date().toISOString(), services: data }));
  renameSync(tmp, join(dir, FILE));
}

export async function loadState(dir: string, services: readonly SandboxService[]): Promise<boolean> {
  const path = join(dir, FILE);
  if (!existsSync(path)) return false;
  let doc: { version?: number; services?: Record<string, unknown> };
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as typeof doc;
  } catch (e) {
    throw new Error(`state file ${path} is not valid JSON (${e instanceof Error ? e.message : String(e)}); move it away to start empty`, {
      cause: e,
    });
  }
  if (doc.version !== VERSION)
    throw new Error(`state file ${path} has version ${String(doc.version)}, expected ${VERSION}; move it away to start empty`);
  // Seams (logs, secrets, targets) are restored before the services that use them, in build order.
  for (const s of services) {
    const state = doc.services?.[s.name];
    if (state !== undefined && s.restore) await s.restore(state);
  }
  return true;
}
