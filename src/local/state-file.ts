// Persists every region's service snapshots under --state-dir, written atomically, so state survives a restart.
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxService } from './service.js';

const FILE = 'sandbox-state.json';
const VERSION = 1;

/** The regions whose services are saved and restored; a region's global services are the default region's instances. */
export interface PersistedRegions {
  /** The default region's name. */
  readonly home: string;
  /** Every region built so far, the default one included. */
  built(): ReadonlyMap<string, readonly SandboxService[]>;
  /** A region's services, built when it does not exist yet. */
  region(name: string): readonly SandboxService[];
}

interface StateDoc {
  version?: number;
  /** The default region's services (the only section files written before regions were saved have). */
  services?: Record<string, unknown>;
  /** Every other region's own (not global) services. */
  regions?: Record<string, Record<string, unknown>>;
}

const snapshots = (services: readonly SandboxService[], skip: ReadonlySet<SandboxService>): Record<string, unknown> => {
  const data: Record<string, unknown> = {};
  for (const s of services) if (s.snapshot && !skip.has(s)) data[s.name] = s.snapshot();
  return data;
};

export function saveState(dir: string, set: PersistedRegions): void {
  mkdirSync(dir, { recursive: true });
  const built = set.built();
  const home = built.get(set.home) ?? [];
  const shared = new Set(home);
  const regions: Record<string, Record<string, unknown>> = {};
  for (const [name, services] of built) if (name !== set.home) regions[name] = snapshots(services, shared);
  const doc: StateDoc = { version: VERSION, services: snapshots(home, new Set()), regions };
  const tmp = join(dir, `${FILE}.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify({ ...doc, savedAt: new Date().toISOString() }));
  renameSync(tmp, join(dir, FILE));
}

async function restoreAll(services: readonly SandboxService[], saved: Record<string, unknown>, skip: ReadonlySet<SandboxService>) {
  // Seams (logs, secrets, targets, EC2's network) are restored before the services that use them, in build order.
  for (const s of services) {
    const state = saved[s.name];
    if (state !== undefined && s.restore && !skip.has(s)) await s.restore(state);
  }
}

export async function loadState(dir: string, set: PersistedRegions): Promise<boolean> {
  const path = join(dir, FILE);
  if (!existsSync(path)) return false;
  let doc: StateDoc;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as StateDoc;
  } catch (e) {
    throw new Error(`state file ${path} is not valid JSON (${e instanceof Error ? e.message : String(e)}); move it away to start empty`, {
      cause: e,
    });
  }
  if (doc.version !== VERSION)
    throw new Error(`state file ${path} has version ${String(doc.version)}, expected ${VERSION}; move it away to start empty`);
  const home = set.region(set.home);
  await restoreAll(home, doc.services ?? {}, new Set());
  const shared = new Set(home);
  for (const [name, saved] of Object.entries(doc.regions ?? {})) {
    const services = set.region(name);
    // A name the sandbox would not build (served by the default region) must not restore over it.
    if (services === home) continue;
    await restoreAll(services, saved, shared);
  }
  return true;
}
