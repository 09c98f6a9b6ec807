// Pure M-out-of-N alarm evaluation with TreatMissingData, following the CloudWatch guide's missing-data rules.
export type AlarmStateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
export type TreatMissingData = 'missing' | 'ignore' | 'breaching' | 'notBreaching';

export const TREAT_MISSING_DATA: readonly TreatMissingData[] = ['missing', 'ignore', 'breaching', 'notBreaching'];

export type ComparisonOperator =
  'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';

export const STATIC_OPERATORS: readonly ComparisonOperator[] = [
  'GreaterThanOrEqualToThreshold',
  'GreaterThanThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold',
];

export function breaches(op: ComparisonOperator, value: number, threshold: number): boolean {
  switch (op) {
    case 'GreaterThanOrEqualToThreshold':
      return value >= threshold;
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'LessThanThreshold':
      return value < threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= threshold;
  }
}

export interface EvaluationInput {
  /** The evaluation range, oldest first; undefined where the period has no datapoint. */
  readonly slots: ReadonlyArray<number | undefined>;
  /** EvaluationPeriods (N) and DatapointsToAlarm (M). */
  readonly n: number;
  readonly m: number;
  readonly treatMissing: TreatMissingData;
  readonly isBreaching: (value: number) => boolean;
}

/** Slots the decision looked at (index into `slots`), newest first. */
export interface Evaluated {
  readonly index: number;
  readonly value: number;
}

export type Evaluation =
  | {
      readonly kind: 'state';
      readonly state: 'OK' | 'ALARM';
      readonly evaluated: readonly Evaluated[];
      readonly breaching: number;
      readonly filled: number;
      readonly filledAs?: 'breaching' | 'notBreaching';
    }
  | { readonly kind: 'insufficient'; readonly missing: number }
  /** Not enough data to decide (ignore, or the premature-alarm guard): the alarm keeps its state. */
  | { readonly kind: 'keep' };

export function evaluateAlarm(input: EvaluationInput): Evaluation {
  const { slots, n, m, treatMissing, isBreaching } = input;
  const present: Evaluated[] = [];
  for (let i = slots.length - 1; i >= 0; i--) {
    const v = slots[i];
    if (v !== undefined) present.push({ index: i, value: v });
  }
  // Enough real datapoints in the range: the newest N of them decide, whatever TreatMissingData says.
  if (present.length >= n) {
    const evaluated = present.slice(0, n);
    const breaching = evaluated.filter((p) => isBreaching(p.value)).length;
    return { kind: 'state', state: breaching >= m ? 'ALARM' : 'OK', evaluated, breaching, filled: 0 };
  }
  const missing = n - present.length;
  const breaching = present.filter((p) => isBreaching(p.value)).length;
  if (treatMissing === 'breaching' || treatMissing === 'notBreaching') {
    // Fill as few slots as needed to reach N datapoints.
    const total = breaching + (treatMissing === 'breaching' ? missing : 0);
    return {
      kind: 'state',
      state: total >= m ? 'ALARM' : 'OK',
      evaluated: present,
      breaching: total,
      filled: missing,
      filledAs: treatMissing,
    };
  }
  if (present.length === 0) return treatMissing === 'missing' ? { kind: 'insufficient', missing: n } : { kind: 'keep' };
  if (breaching >= m) return { kind: 'state', state: 'ALARM', evaluated: present, breaching, filled: 0 };
  // Even if every missing slot breached, M could not be reached: the data says OK.
  if (breaching + missing < m) return { kind: 'state', state: 'OK', evaluated: present, breaching, filled: 0 };
  if (treatMissing === 'ignore') return { kind: 'keep' };
  // Premature-alarm guard: ALARM only when the oldest breaching point is at least M periods old
  // and nothing newer is a non-breaching datapoint.
  const oldestBreaching = [...present].reverse().find((p) => isBreaching(p.value));
  if (oldestBreaching) {
    const age = slots.length - oldestBreaching.index;
    const newerOk = present.every((p) => p.index < oldestBreaching.index || isBreaching(p.value));
    if (age >= m && newerOk) return { kind: 'state', state: 'ALARM', evaluated: present, breaching, filled: 0 };
  }
  return { kind: 'keep' };
}

/** The evaluation range fetched for N periods (the CloudWatch guide's examples use 5 for N = 3). */
export const evaluationRange = (n: number): number => n + 2;
