// The endpoints JSON the frontend reads (EDEN's config file): one section per app, so apps sharing the file never overwrite each other (pure).
import { UsageError } from '../core/errors.js';

export interface Endpoint {
  readonly name: string;
  readonly url: string;
  readonly image: string;
  readonly updatedAt: string;
}

export interface EndpointsDoc {
  readonly version: 1;
  readonly updatedAt: string;
  readonly apps: Readonly<Record<string, { readonly domain: string; readonly environments: readonly Endpoint[] }>>;
}

/** Parses what is stored (empty when nothing is); a file that is not ours is refused rather than overwritten. */
export function parseEndpoints(text: string | undefined, where: string): EndpointsDoc | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new UsageError('BAD_ENDPOINTS_FILE', `${where} is not JSON; cortado will not overwrite it`, 'publish to another key or file');
  }
  const d = doc as Partial<EndpointsDoc>;
  if (typeof d !== 'object' || d === null || d.version !== 1 || typeof d.apps !== 'object' || d.apps === null) {
    throw new UsageError(
      'BAD_ENDPOINTS_FILE',
      `${where} is not a cortado endpoints document (version 1 with apps); cortado will not overwrite it`,
      'publish to another key or file',
    );
  }
  return d as EndpointsDoc;
}

/** Replaces this app's section with what AWS has now; every other app's section is kept as read. */
export function mergeEndpoints(
  current: EndpointsDoc | undefined,
  app: string,
  domain: string,
  environments: readonly Endpoint[],
  now: Date,
): EndpointsDoc {
  const sorted = [...environments].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { version: 1, updatedAt: now.toISOString(), apps: { ...(current?.apps ?? {}), [app]: { domain, environments: sorted } } };
}

export type PublishTarget =
  { readonly kind: 's3'; readonly bucket: string; readonly key: string } | { readonly kind: 'file'; readonly path: string };

export function parseTarget(raw: string): PublishTarget {
  if (raw.startsWith('s3://')) {
    const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/(.+)$/.exec(raw);
    if (!m) throw new UsageError('BAD_OPTION', `--to expects s3://BUCKET/KEY or a file path, got ${JSON.stringify(raw)}`);
    return { kind: 's3', bucket: m[1]!, key: m[2]! };
  }
  if (raw.trim() === '') throw new UsageError('BAD_OPTION', '--to expects s3://BUCKET/KEY or a file path, got ""');
  return { kind: 'file', path: raw };
}
