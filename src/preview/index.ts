// Public surface of preview environments: create, delete, list, gc and publish, plus the pure naming and config readers.
export { createEnv, type CreateRequest, type CreateResult } from './create-env.js';
export { deleteEnv, type DeleteOptions, type DeleteResult } from './delete-env.js';
export { listEnvs, type EnvRow, type Listing } from './list-envs.js';
export { gcEnvs, type GcOptions, type GcResult } from './gc-envs.js';
export { DEFAULT_INCOMPLETE_AFTER_MS, type GcVerdict } from './gc-plan.js';
export { publishEndpoints, type PublishResult } from './publish-endpoints.js';
export { openPreview, previewSection } from './open-preview.js';
export { readPreviewConfig, type PreviewConfig, type ServiceRef } from './preview-config.js';
export { envSlug, previewNames, type PreviewNames } from './naming.js';
export { parseDuration, formatAge } from './parse-duration.js';
export type { ImageOverride } from './copy-reference.js';
export type { PreviewDeps } from './preview-deps.js';
