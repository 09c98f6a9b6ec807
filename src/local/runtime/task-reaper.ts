// Task processes die with the sandbox, however it dies. Containers run in process groups of their own (so a stop reaches
// the whole container), which also means neither a terminal's Ctrl-C nor the sandbox's own death reaches them: a
// `kill -9` of the sandbox, or a crash on a closed pipe while it prints its shutdown line, left every task running.
// A small watcher process, started with the first container, holds the other end of a pipe from the sandbox's process
// and the list of live process groups; when the pipe closes (the process ended, whichever way), it kills the groups still
// listed. An orderly close has stopped and forgotten them all by then, so the watcher just leaves.
import { spawn, type ChildProcess } from 'node:child_process';

/**
 * The watcher's whole program: reads `+PGID` / `-PGID` lines on stdin; at end of input it sends SIGTERM to every group
 * still listed, then SIGKILL a moment later, and exits.
 */
const WATCHER = `
process.title = 'cortado-reaper';
const groups = new Set();
let rest = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  const lines = (rest + chunk).split('\\n');
  rest = lines.pop();
  for (const line of lines) {
    if (line.startsWith('+')) groups.add(Number(line.slice(1)));
    else if (line.startsWith('-')) groups.delete(Number(line.slice(1)));
  }
});
const signal = (sig) => { for (const g of groups) { try { process.kill(-g, sig); } catch {} } };
process.stdin.on('end', () => {
  if (groups.size === 0) process.exit(0);
  signal('SIGTERM');
  setTimeout(() => { signal('SIGKILL'); process.exit(0); }, 2000);
});
process.on('SIGINT', () => {});
process.on('SIGHUP', () => {});
`;

/** The watcher's process title (what `ps -o comm` shows), so tools and tests can tell it from task processes. */
export const REAPER_TITLE = 'cortado-reaper';

let watcher: ChildProcess | undefined;

function send(line: string): void {
  const stdin = watcher?.stdin;
  if (!stdin || stdin.destroyed) return;
  stdin.write(`${line}\n`);
}

function startWatcher(): void {
  try {
    watcher = spawn(process.execPath, ['-e', WATCHER], {
      // Its own process group: a Ctrl-C sent to the sandbox's terminal group must not stop the watcher before it acts.
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
  } catch {
    watcher = undefined;
    return;
  }
  watcher.on('error', () => {
    watcher = undefined;
  });
  watcher.stdin?.on('error', () => undefined);
  // Neither the watcher nor its pipe keeps the sandbox's process alive.
  watcher.unref();
  (watcher.stdin as unknown as { unref?: () => void } | null)?.unref?.();
}

/** Records a container's process group, starting the watcher with the first. */
export function watchGroup(pgid: number): void {
  if (watcher === undefined) startWatcher();
  send(`+${pgid}`);
}

/** The group ended (or was stopped by the sandbox itself). */
export function forgetGroup(pgid: number): void {
  send(`-${pgid}`);
}
