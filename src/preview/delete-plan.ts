// Decides the calls that remove a set of pieces (pure): dependents first, everything else at once.
import { chunk } from './batches.js';
import { piecesOf, type Piece, type RecordSetShape } from './env-pieces.js';
import type { Step } from './run-steps.js';

export type DeleteStep = Step &
  (
    | { readonly kind: 'delete-service'; readonly arn: string; readonly cluster: string }
    | { readonly kind: 'delete-rule'; readonly arn: string }
    | { readonly kind: 'delete-records'; readonly zoneId: string; readonly name: string; readonly recordSets: readonly RecordSetShape[] }
    | { readonly kind: 'deregister-task-definition'; readonly arn: string }
    | { readonly kind: 'delete-task-definitions'; readonly arns: readonly string[] }
    | { readonly kind: 'delete-target-group'; readonly arn: string }
  );

/** DeleteTaskDefinitions takes at most 10 revisions per call. */
const DELETE_BATCH = 10;

/**
 * Reverse dependency order, and no more of it than AWS needs: a target group waits for the rules that forward to it
 * (ResourceInUse otherwise) and a revision must be INACTIVE before DeleteTaskDefinitions; the rest goes at once.
 */
export function planDelete(pieces: readonly Piece[]): DeleteStep[] {
  const steps: DeleteStep[] = [];
  const rules = piecesOf(pieces, 'rule');
  for (const r of rules) steps.push({ kind: 'delete-rule', id: `rule:${r.arn}`, after: [], arn: r.arn });
  for (const s of piecesOf(pieces, 'service')) {
    if (s.status === 'ACTIVE') steps.push({ kind: 'delete-service', id: `service:${s.arn}`, after: [], arn: s.arn, cluster: s.cluster });
  }
  for (const r of piecesOf(pieces, 'record')) {
    if (r.recordSets.length)
      steps.push({ kind: 'delete-records', id: `records:${r.name}`, after: [], zoneId: r.zoneId, name: r.name, recordSets: r.recordSets });
  }
  const tds = piecesOf(pieces, 'task-definition');
  for (const t of tds)
    if (t.status === 'ACTIVE') steps.push({ kind: 'deregister-task-definition', id: `deregister:${t.arn}`, after: [], arn: t.arn });
  chunk(tds, DELETE_BATCH).forEach((batch, i) => {
    steps.push({
      kind: 'delete-task-definitions',
      id: `delete-task-definitions:${i}:${batch[0]!.arn}`,
      arns: batch.map((t) => t.arn),
      after: batch.filter((t) => t.status === 'ACTIVE').map((t) => `deregister:${t.arn}`),
    });
  });
  for (const g of piecesOf(pieces, 'target-group')) {
    const users = rules.filter((r) => r.targetGroupArns.includes(g.arn) || r.owner.env === g.owner.env);
    steps.push({ kind: 'delete-target-group', id: `target-group:${g.arn}`, after: users.map((r) => `rule:${r.arn}`), arn: g.arn });
  }
  return steps;
}
