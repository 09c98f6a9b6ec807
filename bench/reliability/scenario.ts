// What a capability's scenario is handed for one run, and the shape every scenario has.
import type { Aws } from './aws.js';
import { cortado, type CliResult, type CliTarget, type Interrupt } from './cli.js';
import type { Capability, Findings } from './outcome.js';
import type { Rng } from './rng.js';

export interface RunContext {
  readonly target: CliTarget;
  readonly aws: Aws;
  readonly rng: Rng;
  readonly index: number;
  /** kill -9 one long-running command of this run at a random point, then resume/re-run/delete. */
  readonly kill: boolean;
  readonly f: Findings;
  /** A name unique to this run (lower case, digits, dashes), for the resources it makes. */
  readonly name: string;
  /** `label` names the step in the run's plan (default: the command's words). */
  cli(
    args: readonly string[],
    opts: { cwd: string; killAfterMs?: number; interrupt?: Interrupt; accessKeyId?: string; label?: string },
  ): Promise<CliResult>;
}

export interface Scenario {
  readonly capability: Capability;
  /** Campaign-wide setup on the sandbox (clusters, shared load balancers...), once before the runs. */
  prepare(target: CliTarget, aws: Aws, slots: number): Promise<void>;
  /** One randomized run; `slot` (0..slots-1) is free for this run alone (shared fixtures are handed out per slot). */
  run(ctx: RunContext, slot: number): Promise<void>;
  /** Campaign-wide teardown (load generators...). */
  close?(): Promise<void>;
}

/** The access key id of a run: the sandbox's call log attributes its calls (and the faults they met) to its capability. */
export const accessKeyFor = (capability: Capability, index: number, actor = 0): string =>
  `AKIAREL${capability.slice(0, 3).toUpperCase()}${String(index).padStart(6, '0')}${String(actor).padStart(4, '0')}`.slice(0, 20);

export function contextFor(
  target: CliTarget,
  aws: Aws,
  rng: Rng,
  capability: Capability,
  index: number,
  kill: boolean,
  f: Findings,
): RunContext {
  return {
    target,
    aws,
    rng,
    index,
    kill,
    f,
    name: `${capability.slice(0, 3)}${index}`,
    async cli(args, opts) {
      const r = await cortado(target, args, {
        cwd: opts.cwd,
        accessKeyId: opts.accessKeyId ?? accessKeyFor(capability, index),
        ...(opts.killAfterMs !== undefined ? { killAfterMs: opts.killAfterMs } : {}),
        ...(opts.interrupt ? { interrupt: opts.interrupt } : {}),
      });
      f.step(
        `${
          opts.label ??
          args
            .filter((a) => !a.startsWith('-'))
            .slice(0, 2)
            .join(' ')
        }${r.killed ? ' (killed)' : ` → ${r.code}`}`,
      );
      return r;
    },
  };
}
