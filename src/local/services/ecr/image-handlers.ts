// ECR images: PutImage (digest from the manifest, tags moved or refused on immutable repositories), reads and deletes.
import { AwsError } from '../../aws-error.js';
import { paginate } from '../../paginate.js';
import type { Handler, Input } from '../../service.js';
import {
  describeManifest,
  digestOf,
  findRepository,
  imageNotFound,
  lookupImage,
  type EcrImage,
  type EcrRepository,
  type EcrStore,
  type ImageIdInput,
} from './ecr-store.js';

const NOT_FOUND = { failureCode: 'ImageNotFound', failureReason: 'Requested image not found' } as const;
const invalidToken = () =>
  new AwsError(
    'InvalidParameterException',
    "Invalid parameter at 'nextToken' failed to satisfy constraint: 'must be a valid pagination token'",
  );
const page = (maxSize: number) => ({ defaultSize: maxSize, maxSize, badToken: invalidToken });

const tagStatusFilter = (input: Input) => {
  const status = (input.filter as { tagStatus?: string } | undefined)?.tagStatus ?? 'ANY';
  return (i: EcrImage) => status === 'ANY' || (status === 'TAGGED' ? i.tags.size > 0 : i.tags.size === 0);
};

const detail = (repo: EcrRepository, i: EcrImage) => ({
  registryId: repo.registryId,
  repositoryName: repo.name,
  imageDigest: i.digest,
  ...(i.tags.size > 0 ? { imageTags: [...i.tags] } : {}),
  imageSizeInBytes: i.sizeInBytes,
  imagePushedAt: i.pushedAt,
  imageManifestMediaType: i.mediaType,
  ...(i.artifactMediaType ? { artifactMediaType: i.artifactMediaType } : {}),
});

export function imageHandlers(store: EcrStore, registryId: string, now: () => Date): Record<string, Handler> {
  const repoOf = (input: Input) => findRepository(store, input.repositoryName as string, registryId);
  const idsOf = (input: Input) => (input.imageIds as ImageIdInput[] | undefined) ?? [];

  return {
    PutImage: (input) => {
      const repo = repoOf(input);
      const manifest = input.imageManifest as string;
      const digest = digestOf(manifest);
      const tag = input.imageTag as string | undefined;
      if (input.imageDigest !== undefined && input.imageDigest !== digest) {
        throw new AwsError(
          'ImageDigestDoesNotMatchException',
          `The digest '${String(input.imageDigest)}' does not match the digest of the image manifest '${digest}'`,
        );
      }
      const existing = repo.images.get(digest);
      const holder = tag !== undefined ? [...repo.images.values()].find((i) => i.tags.has(tag)) : undefined;
      if (existing && (tag === undefined || holder === existing)) {
        throw new AwsError(
          'ImageAlreadyExistsException',
          `Image with digest '${digest}' ${tag !== undefined ? `and tag '${tag}' ` : ''}already exists in the repository with name '${repo.name}' in the registry with id '${repo.registryId}'`,
        );
      }
      if (holder && holder !== existing && repo.mutability === 'IMMUTABLE') {
        throw new AwsError(
          'ImageTagAlreadyExistsException',
          `The image tag '${tag}' already exists in the '${repo.name}' repository and cannot be overwritten because the repository is immutable.`,
        );
      }
      if (holder && tag !== undefined) holder.tags.delete(tag);
      const m = describeManifest(manifest, input.imageManifestMediaType as string | undefined);
      const image: EcrImage = existing ?? {
        digest,
        manifest,
        mediaType: m.mediaType,
        sizeInBytes: m.size,
        pushedAt: now(),
        tags: new Set(),
        ...(m.artifactMediaType ? { artifactMediaType: m.artifactMediaType } : {}),
      };
      if (tag !== undefined) image.tags.add(tag);
      repo.images.set(digest, image);
      return {
        image: {
          registryId: repo.registryId,
          repositoryName: repo.name,
          imageManifest: manifest,
          imageManifestMediaType: image.mediaType,
          imageId: { imageDigest: digest, ...(tag !== undefined ? { imageTag: tag } : {}) },
        },
      };
    },
    BatchGetImage: (input) => {
      const repo = repoOf(input);
      const images: unknown[] = [];
      const failures: unknown[] = [];
      for (const id of idsOf(input)) {
        const image = lookupImage(repo, id);
        if (!image) {
          failures.push({ imageId: id, ...NOT_FOUND });
          continue;
        }
        images.push({
          registryId: repo.registryId,
          repositoryName: repo.name,
          imageManifest: image.manifest,
          imageManifestMediaType: image.mediaType,
          imageId: { imageDigest: image.digest, ...(id.imageTag !== undefined ? { imageTag: id.imageTag } : {}) },
        });
      }
      return { images, failures };
    },
    DescribeImages: (input) => {
      const repo = repoOf(input);
      const ids = idsOf(input);
      if (ids.length > 0) {
        const found = ids.map((id) => {
          const i = lookupImage(repo, id);
          if (!i) throw imageNotFound(repo, id);
          return i;
        });
        return { imageDetails: [...new Set(found)].map((i) => detail(repo, i)) };
      }
      const all = [...repo.images.values()].filter(tagStatusFilter(input));
      const p = paginate(all, input, page(1000), `${repo.name}:${JSON.stringify(input.filter ?? {})}`);
      return { imageDetails: p.items.map((i) => detail(repo, i)), ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
    },
    ListImages: (input) => {
      const repo = repoOf(input);
      const ids = [...repo.images.values()]
        .filter(tagStatusFilter(input))
        .flatMap((i) =>
          i.tags.size === 0 ? [{ imageDigest: i.digest }] : [...i.tags].map((t) => ({ imageDigest: i.digest, imageTag: t })),
        );
      const p = paginate(ids, input, page(1000), `${repo.name}:${JSON.stringify(input.filter ?? {})}`);
      return { imageIds: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
    },
    BatchDeleteImage: (input) => {
      const repo = repoOf(input);
      const deleted: ImageIdInput[] = [];
      const failures: unknown[] = [];
      for (const id of idsOf(input)) {
        if (id.imageDigest === undefined && id.imageTag === undefined) {
          failures.push({
            imageId: id,
            failureCode: 'MissingDigestAndTag',
            failureReason: 'Invalid request parameters: both tag and digest cannot be null',
          });
          continue;
        }
        const image = lookupImage(repo, id);
        if (!image) {
          failures.push({ imageId: id, ...NOT_FOUND });
          continue;
        }
        // A tag alone removes that tag; the image goes with its last tag. A digest removes the image and every tag.
        if (id.imageDigest === undefined && image.tags.size > 1) {
          image.tags.delete(id.imageTag!);
          deleted.push({ imageDigest: image.digest, imageTag: id.imageTag! });
          continue;
        }
        repo.images.delete(image.digest);
        if (image.tags.size === 0) deleted.push({ imageDigest: image.digest });
        for (const t of image.tags) deleted.push({ imageDigest: image.digest, imageTag: t });
      }
      return { imageIds: deleted, failures };
    },
  };
}
