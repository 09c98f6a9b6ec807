// What one campaign run found: the checks that failed, by kind, so the summary can count them.
export type Capability = 'deploy' | 'canary' | 'env' | 'autoscale' | 'schedule';
export const CAPABILITIES: readonly Capability[] = ['deploy', 'canary', 'env', 'autoscale', 'schedule'];

export type ProblemKind = 'orphan' | 'exit' | 'mismatch' | 'error';

export interface Problem {
  readonly kind: ProblemKind;
  readonly detail: string;
}

export interface RunOutcome {
  readonly capability: Capability;
  readonly index: number;
  /** What the run did, e.g. "deploy good; deploy crash; rollback; delete". */
  readonly plan: string;
  readonly killed: number;
  readonly problems: readonly Problem[];
  readonly ms: number;
}

/** Collects a run's problems as its steps check things. */
export class Findings {
  readonly problems: Problem[] = [];
  readonly steps: string[] = [];
  killed = 0;
  step(s: string): void {
    this.steps.push(s);
  }
  add(kind: ProblemKind, detail: string): void {
    // A check that could not read AWS (its own calls throttled past every retry) is the campaign's failure, not an orphan.
    const k = detail.includes('check failed:') ? 'error' : kind;
    this.problems.push({ kind: k, detail: `${detail} (after: ${this.steps.join('; ')})` });
  }
  orphans(list: readonly string[], where: string): void {
    for (const o of list) this.add('orphan', `${where}: ${o}`);
  }
  /** An exit code the run did not expect; `allowed` lists the codes that match what happened. */
  exit(what: string, code: number | null, allowed: readonly number[], output: string): void {
    if (code === null || !allowed.includes(code))
      this.add('exit', `${what} exited ${code ?? 'by signal'}, expected ${allowed.join(' or ')}: ${output}`);
  }
  mismatch(what: string, reported: unknown, actual: unknown): void {
    if (JSON.stringify(reported) !== JSON.stringify(actual))
      this.add('mismatch', `${what}: reported ${JSON.stringify(reported)}, AWS has ${JSON.stringify(actual)}`);
  }
}
