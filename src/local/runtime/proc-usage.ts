// Reads a live process's CPU time and resident memory from /proc, the raw input of ECS CPU/MemoryUtilization.
import { readFile } from 'node:fs/promises';
import type { ContainerUsage } from './types.js';

/** USER_HZ: 100 on every Linux architecture Node runs on. */
export const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime + cutime + cstime (reaped children count, as they do in a container's cgroup). */
export const parseProcStatCpuSeconds = (stat: string): number => {
  // The command name (field 2) may hold spaces and parentheses, so count fields from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
  return ticks / CLOCK_TICKS_PER_SECOND;
};

export const parseProcStatusRssBytes = (status: string): number => {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return match?.[1] === undefined ? 0 : Number(match[1]) * 1024;
};

/** Undefined when the process is gone (or /proc is not there). */
export const readProcessUsage = async (pid: number): Promise<ContainerUsage | undefined> => {
  try {
    const [stat, status] = await Promise.all([readFile(`/proc/${pid}/stat`, 'utf8'), readFile(`/proc/${pid}/status`, 'utf8')]);
    return { cpuSeconds: parseProcStatCpuSeconds(stat), rssBytes: parseProcStatusRssBytes(status) };
  } catch {
    return undefined;
  }
};
