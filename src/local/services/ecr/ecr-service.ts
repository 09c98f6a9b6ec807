// Amazon ECR (awsJson1_1, AmazonEC2ContainerRegistry_V20150921): repositories and image manifests by tag and digest.
import { AwsError } from '../../aws-error.js';
import type { SandboxEnv } from '../../env.js';
import { arn } from '../../ids.js';
import { loadModel } from '../../model/model.js';
import { paginate } from '../../paginate.js';
import type { SandboxService } from '../../service.js';
import { createEcrStore, findRepository, type EcrRepository } from './ecr-store.js';
import { imageHandlers } from './image-handlers.js';
import { restoreEcr, snapshotEcr } from './ecr-persistence.js';

const view = (r: EcrRepository) => ({
  repositoryArn: r.arn,
  registryId: r.registryId,
  repositoryName: r.name,
  repositoryUri: r.uri,
  createdAt: r.createdAt,
  imageTagMutability: r.mutability,
  imageScanningConfiguration: { scanOnPush: r.scanOnPush },
  encryptionConfiguration: r.encryption,
});

export function createEcrService(env: SandboxEnv): SandboxService {
  const store = createEcrStore();
  const registryId = env.accountId;
  const now = () => env.clock.now();

  return {
    name: 'ecr',
    model: loadModel('ecr'),
    validation: { code: 'InvalidParameterException' },
    snapshot: () => snapshotEcr(store),
    restore: (saved) => restoreEcr(store, saved),
    handlers: {
      CreateRepository: (input) => {
        const name = input.repositoryName as string;
        if (store.repositories.has(name)) {
          throw new AwsError(
            'RepositoryAlreadyExistsException',
            `The repository with name '${name}' already exists in the registry with id '${registryId}'`,
          );
        }
        const repo: EcrRepository = {
          name,
          registryId,
          createdAt: now(),
          arn: arn('ecr', env.region, registryId, `repository/${name}`),
          uri: `${registryId}.dkr.ecr.${env.region}.amazonaws.com/${name}`,
          mutability: (input.imageTagMutability as string | undefined) ?? 'MUTABLE',
          scanOnPush: (input.imageScanningConfiguration as { scanOnPush?: boolean } | undefined)?.scanOnPush ?? false,
          encryption: (input.encryptionConfiguration as Record<string, unknown> | undefined) ?? { encryptionType: 'AES256' },
          tags: (input.tags as EcrRepository['tags'] | undefined) ?? [],
          images: new Map(),
        };
        store.repositories.set(name, repo);
        return { repository: view(repo) };
      },
      DescribeRepositories: (input) => {
        const names = input.repositoryNames as string[] | undefined;
        if (names && names.length > 0) return { repositories: names.map((n) => view(findRepository(store, n, registryId))) };
        const all = [...store.repositories.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
        const p = paginate(all, input, {
          defaultSize: 1000,
          maxSize: 1000,
          badToken: () =>
            new AwsError(
              'InvalidParameterException',
              "Invalid parameter at 'nextToken' failed to satisfy constraint: 'must be a valid pagination token'",
            ),
        });
        return { repositories: p.items.map(view), ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
      },
      DeleteRepository: (input) => {
        const repo = findRepository(store, input.repositoryName as string, registryId);
        if (repo.images.size > 0 && input.force !== true) {
          throw new AwsError(
            'RepositoryNotEmptyException',
            `The repository with name '${repo.name}' in registry with id '${registryId}' cannot be deleted because it still contains images`,
          );
        }
        store.repositories.delete(repo.name);
        return { repository: view(repo) };
      },
      ListTagsForResource: (input) => {
        const name = String(input.resourceArn).split(':repository/')[1] ?? '';
        return { tags: findRepository(store, name, registryId).tags };
      },
      ...imageHandlers(store, registryId, now),
    },
  };
}
