// Durations as people write them in cortado.yml ("30s", "2m", "500ms", or a number of seconds), turned into ms.
import { configError } from './config-reader.js';

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseDuration(path: string, v: unknown, opts: { min?: number; max?: number } = {}): number {
  let ms: number | undefined;
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) ms = v * 1000;
  else if (typeof v === 'string') {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(v);
    if (m) ms = Number(m[1]) * UNITS[m[2] ?? 's']!;
  }
  if (ms === undefined || (opts.min !== undefined && ms < opts.min) || (opts.max !== undefined && ms > opts.max)) {
    const range = opts.min !== undefined ? ` of at least ${formatDuration(opts.min)}` : '';
    throw configError(path, `a duration such as 30s, 2m or 500ms${range}`, v);
  }
  return Math.round(ms);
}

export function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0 && ms > 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return ms > 1000 ? `${(ms / 1000).toFixed(1)}s` : `${ms}ms`;
}
