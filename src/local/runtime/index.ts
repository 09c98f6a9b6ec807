// The container runtime's public surface, for the ECS scheduler and the sandbox host.
export type { ContainerExit, ContainerHandle, ContainerSpec, ContainerUsage, ProcessResolution, Resolution } from './types.js';
export { createImageResolver, type ImageResolver, type ImageResolverOptions, type ResolvableSpec } from './image-resolver.js';
export { ImageMapError, loadImageMap, matchImage, parseImageMap, type ImageMap, type ImageMapEntry } from './image-map.js';
export { detectDocker, dockerContainerName } from './docker.js';
export { DEMO_IMAGE_REPOSITORY, DEMO_NODE_FLAGS, demoImageTag } from './demo-image.js';
export { parseImageRef, pullNotFoundReason, type ImageRef } from './image-ref.js';
export { liveContainerCount, startContainer, stopAll, type StartOptions } from './process-runtime.js';
export { AddressPoolExhaustedError, createAddressPool, FIRST_TASK_ADDRESS, randomPoolStart, type AddressPool } from './address-pool.js';
