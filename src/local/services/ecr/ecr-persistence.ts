// --state-dir support for ECR: repositories and their image manifests as JSON, and back.
import type { EcrImage, EcrRepository, EcrStore } from './ecr-store.js';

type ImageJson = Omit<EcrImage, 'pushedAt' | 'tags'> & { readonly pushedAt: string; readonly tags: string[] };
type RepositoryJson = Omit<EcrRepository, 'createdAt' | 'images'> & { readonly createdAt: string; readonly images: ImageJson[] };

export const snapshotEcr = (store: EcrStore): RepositoryJson[] =>
  JSON.parse(
    JSON.stringify(
      [...store.repositories.values()].map((r) => ({ ...r, images: [...r.images.values()].map((i) => ({ ...i, tags: [...i.tags] })) })),
    ),
  ) as RepositoryJson[];

/** Replaces the store's repositories in place (handlers hold the map). */
export function restoreEcr(store: EcrStore, saved: unknown): void {
  if (!Array.isArray(saved)) throw new Error('ECR state in the state file has an unexpected shape; move the file away to start empty');
  store.repositories.clear();
  for (const r of saved as RepositoryJson[]) {
    const images = new Map<string, EcrImage>(
      r.images.map((i) => [i.digest, { ...i, pushedAt: new Date(i.pushedAt), tags: new Set(i.tags) }] as const),
    );
    store.repositories.set(r.name, { ...r, createdAt: new Date(r.createdAt), images });
  }
}
