// Every API call a command made against the sandbox must be in COMMAND_CALLS for that command (the table behind
// `cortado iam-policy`): scenario and e2e tests read the sandbox's call log (GET /_cortado/calls) and check it here.
// Concurrent actors are told apart by access key: give each its own (actorKey) and read only its calls.
import { ALL_COMMANDS, COMMAND_CALLS, iamAction } from '../../src/deploy/iam-actions.js';

export interface RecordedCall {
  readonly seq: number;
  readonly service: string;
  readonly operation: string;
  readonly accessKeyId?: string;
}

/** A syntactically valid access key id naming one actor (a CLI run, an in-process operator), 20 characters. */
export function actorKey(name: string): string {
  return `AKIA${name.toUpperCase().replace(/[^A-Z0-9]/g, '')}0000000000000000`.slice(0, 20);
}

/** The command a CLI argument list runs: `['canary', 'start', '--tag', 'v2']` → `canary start`; `['deploy']` → `deploy`. */
/** Global flags that take no value (ecspresso writes global flags before the command: `--config x.yml deploy`). */
const BARE_GLOBALS = new Set(['--debug', '--color', '--no-color', '--strict', '--quiet', '--verbose', '--no-timestamps']);

export function commandOf(all: readonly string[]): string {
  let i = 0;
  while (i < all.length && all[i]!.startsWith('-')) i += all[i]!.includes('=') || BARE_GLOBALS.has(all[i]!) ? 1 : 2;
  const args = all.slice(i);
  const two = `${args[0] ?? ''} ${args[1] ?? ''}`;
  if (two in COMMAND_CALLS) return two;
  if ((args[0] ?? '') in COMMAND_CALLS) return args[0]!;
  throw new Error(`no command in COMMAND_CALLS for cortado ${all.join(' ')} (commands: ${ALL_COMMANDS.join(', ')})`);
}

/** The sandbox's call log after `since`, only the calls signed with `accessKeyId` when one is given. */
export async function recordedCalls(endpoint: string, opts: { since?: number; accessKeyId?: string } = {}): Promise<RecordedCall[]> {
  const res = await fetch(`${endpoint}/_cortado/calls?since=${opts.since ?? 0}`);
  const calls = ((await res.json()) as { calls: RecordedCall[] }).calls;
  return opts.accessKeyId === undefined ? calls : calls.filter((c) => c.accessKeyId === opts.accessKeyId);
}

export const lastCallSeq = async (endpoint: string): Promise<number> => Math.max(0, ...(await recordedCalls(endpoint)).map((c) => c.seq));

/** Throws, naming every call that the table does not list for `command`. */
export function assertCallsInTable(command: string, calls: readonly RecordedCall[]): void {
  const table = COMMAND_CALLS[command];
  if (!table) throw new Error(`COMMAND_CALLS has no entry for ${JSON.stringify(command)}`);
  const allowed = new Set(
    table.map((c) => {
      const [svc, op] = c.split(':');
      return iamAction(svc!, op!);
    }),
  );
  const missing = [
    ...new Set(
      calls
        .map((c) => `${c.service}:${c.operation}`)
        .filter((c) => {
          const [svc, op] = c.split(':');
          return !allowed.has(iamAction(svc!, op!));
        }),
    ),
  ];
  if (missing.length)
    throw new Error(
      `\`${command}\` called ${missing.join(', ')}, which COMMAND_CALLS[${JSON.stringify(command)}] (and so \`cortado iam-policy ${command}\`) does not list`,
    );
}

/**
 * Reads the calls of one command's run from the sandbox and checks them against its table entry. A run that should have
 * called AWS but shows no call means the calls were not attributed (wrong key, wrong window): that fails too.
 * Returns the calls, for further assertions.
 */
export async function assertCommandCalls(
  endpoint: string,
  command: string,
  opts: { since?: number; accessKeyId?: string; mayBeEmpty?: boolean } = {},
): Promise<RecordedCall[]> {
  const calls = await recordedCalls(endpoint, opts);
  if (calls.length === 0 && !opts.mayBeEmpty)
    throw new Error(
      `no call recorded for \`${command}\`${opts.accessKeyId ? ` signed with ${opts.accessKeyId}` : ''} after seq ${opts.since ?? 0}`,
    );
  assertCallsInTable(command, calls);
  return calls;
}

/**
 * Runs one library operation as `command` and checks the calls it made: for sequential tests where nothing else calls the
 * sandbox while it runs (concurrent actors use actorKey instead).
 */
export async function withCommandCalls<T>(
  endpoint: string,
  command: string,
  run: () => Promise<T>,
  opts: { mayBeEmpty?: boolean } = {},
): Promise<T> {
  const since = await lastCallSeq(endpoint);
  const out = await run();
  await assertCommandCalls(endpoint, command, { since, ...opts });
  return out;
}
