// ECR's state: repositories and their images (by digest, with the tags that point at them), and AWS's wording for misses.
import { createHash } from 'node:crypto';
import { AwsError } from '../../aws-error.js';

export interface EcrImage {
  readonly digest: string;
  readonly manifest: string;
  readonly mediaType: string;
  readonly artifactMediaType?: string;
  readonly sizeInBytes: number;
  readonly pushedAt: Date;
  readonly tags: Set<string>;
}

export interface EcrRepository {
  readonly name: string;
  readonly arn: string;
  readonly uri: string;
  readonly registryId: string;
  readonly createdAt: Date;
  readonly mutability: string;
  readonly scanOnPush: boolean;
  readonly encryption: Readonly<Record<string, unknown>>;
  readonly tags: ReadonlyArray<{ readonly Key: string; readonly Value: string }>;
  /** By digest, in push order. */
  readonly images: Map<string, EcrImage>;
}

export interface EcrStore {
  readonly repositories: Map<string, EcrRepository>;
}

export const createEcrStore = (): EcrStore => ({ repositories: new Map() });

export const repositoryNotFound = (name: string, registryId: string): AwsError =>
  new AwsError('RepositoryNotFoundException', `The repository with name '${name}' does not exist in the registry with id '${registryId}'`);

export function findRepository(store: EcrStore, name: string, registryId: string): EcrRepository {
  const repo = store.repositories.get(name);
  if (!repo) throw repositoryNotFound(name, registryId);
  return repo;
}

export const digestOf = (manifest: string): string => `sha256:${createHash('sha256').update(manifest, 'utf8').digest('hex')}`;

const DOCKER_V2 = 'application/vnd.docker.distribution.manifest.v2+json';

/** Media type and size as ECR reports them: the manifest's own mediaType, and the config plus every layer. */
export function describeManifest(
  manifest: string,
  declared: string | undefined,
): { mediaType: string; artifactMediaType?: string; size: number } {
  try {
    const m = JSON.parse(manifest) as {
      mediaType?: unknown;
      config?: { mediaType?: unknown; size?: unknown };
      layers?: Array<{ size?: unknown }>;
    };
    const size = (m.layers ?? []).reduce(
      (sum, l) => sum + (typeof l.size === 'number' ? l.size : 0),
      typeof m.config?.size === 'number' ? m.config.size : 0,
    );
    const mediaType = declared ?? (typeof m.mediaType === 'string' ? m.mediaType : DOCKER_V2);
    const artifact = typeof m.config?.mediaType === 'string' ? m.config.mediaType : undefined;
    return { mediaType, size: size || Buffer.byteLength(manifest), ...(artifact ? { artifactMediaType: artifact } : {}) };
  } catch {
    return { mediaType: declared ?? DOCKER_V2, size: Buffer.byteLength(manifest) };
  }
}

export interface ImageIdInput {
  readonly imageDigest?: string;
  readonly imageTag?: string;
}

/** The image an id names: by digest, by tag, or both (which must agree). */
export function lookupImage(repo: EcrRepository, id: ImageIdInput): EcrImage | undefined {
  const byDigest = id.imageDigest !== undefined ? repo.images.get(id.imageDigest) : undefined;
  if (id.imageTag === undefined) return byDigest;
  const byTag = [...repo.images.values()].find((i) => i.tags.has(id.imageTag!));
  if (id.imageDigest !== undefined) return byDigest && byTag === byDigest ? byDigest : undefined;
  return byTag;
}

/** `{imageDigest:'null', imageTag:'latest'}`, as AWS prints an image id in ImageNotFoundException. */
export const imageIdText = (id: ImageIdInput): string => `{imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'}`;

export const imageNotFound = (repo: EcrRepository, id: ImageIdInput): AwsError =>
  new AwsError(
    'ImageNotFoundException',
    `The image with imageId ${imageIdText(id)} does not exist within the repository with name '${repo.name}' in the registry with id '${repo.registryId}'`,
  );
