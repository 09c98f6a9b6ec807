// What one preview environment is made of, as read back from AWS: the pieces, grouped per env, and whether the set is whole.
import type { Ownership } from './preview-tags.js';

/** A Route 53 record set as ListResourceRecordSets returns it; kept whole because a DELETE must repeat it exactly. */
export interface RecordSetShape {
  readonly Name: string;
  readonly Type: string;
  readonly TTL?: number;
  readonly ResourceRecords?: ReadonlyArray<{ readonly Value: string }>;
  readonly AliasTarget?: { readonly HostedZoneId: string; readonly DNSName: string; readonly EvaluateTargetHealth: boolean };
  readonly SetIdentifier?: string;
}

export type Piece =
  | {
      readonly kind: 'service';
      readonly owner: Ownership;
      readonly arn: string;
      readonly name: string;
      readonly cluster: string;
      readonly status: string;
      readonly taskDefinition: string;
      readonly desiredCount: number;
      readonly runningCount: number;
      readonly createdAt?: Date;
      readonly targetGroupArns: readonly string[];
      readonly container?: string;
    }
  | { readonly kind: 'task-definition'; readonly owner: Ownership; readonly arn: string; readonly status: 'ACTIVE' | 'INACTIVE' }
  | { readonly kind: 'target-group'; readonly owner: Ownership; readonly arn: string; readonly name: string }
  | {
      readonly kind: 'rule';
      readonly owner: Ownership;
      readonly arn: string;
      readonly priority: number;
      readonly hosts: readonly string[];
      readonly targetGroupArns: readonly string[];
    }
  | {
      readonly kind: 'record';
      readonly owner: Ownership;
      readonly zoneId: string;
      readonly name: string;
      readonly recordSets: readonly RecordSetShape[];
    };

export type PieceKind = Piece['kind'];
export type PieceOf<K extends PieceKind> = Extract<Piece, { kind: K }>;

/** A resource that has a preview's name but not its tags: cortado will not touch it, and will not create over it. */
export interface Conflict {
  readonly kind: PieceKind;
  readonly id: string;
  readonly why: string;
}

export interface EnvView {
  readonly env: string;
  readonly pieces: readonly Piece[];
  /** Kinds a whole environment has and this one lacks. */
  readonly missing: readonly PieceKind[];
  /** The newest `cortado:updated-at` among its pieces. */
  readonly updatedAt: Date;
  readonly service?: PieceOf<'service'>;
}

export const piecesOf = <K extends PieceKind>(pieces: readonly Piece[], kind: K): PieceOf<K>[] =>
  pieces.filter((p): p is PieceOf<K> => p.kind === kind);

/** A whole environment: an ACTIVE service, a task definition, a target group, a rule and a record. */
export function missingKinds(pieces: readonly Piece[]): PieceKind[] {
  const missing: PieceKind[] = [];
  if (!piecesOf(pieces, 'service').some((s) => s.status === 'ACTIVE')) missing.push('service');
  if (!piecesOf(pieces, 'task-definition').some((t) => t.status === 'ACTIVE')) missing.push('task-definition');
  for (const kind of ['target-group', 'rule', 'record'] as const) if (piecesOf(pieces, kind).length === 0) missing.push(kind);
  return missing;
}

export function envView(env: string, pieces: readonly Piece[]): EnvView {
  const service = piecesOf(pieces, 'service').find((s) => s.status === 'ACTIVE') ?? piecesOf(pieces, 'service')[0];
  const updatedAt = new Date(Math.max(0, ...pieces.map((p) => p.owner.updatedAt.getTime())));
  return { env, pieces, missing: missingKinds(pieces), updatedAt, ...(service ? { service } : {}) };
}

/** Groups pieces by their `cortado:env` tag, sorted by env name. */
export function groupByEnv(pieces: readonly Piece[]): EnvView[] {
  const byEnv = new Map<string, Piece[]>();
  for (const p of pieces) byEnv.set(p.owner.env, [...(byEnv.get(p.owner.env) ?? []), p]);
  return [...byEnv.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([env, ps]) => envView(env, ps));
}

/** A DRAINING service is on its way out: it counts as gone once delete has asked for it. */
export const isLive = (p: Piece): boolean => p.kind !== 'service' || p.status === 'ACTIVE';
