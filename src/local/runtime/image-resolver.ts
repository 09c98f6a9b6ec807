// Decides how a container's image runs here: the demo image, the user's image map, Docker, or a pull error as ECS gives it.
import type { ParentEnv } from './container-env.js';
import { demoImageTag, demoResolution } from './demo-image.js';
import { dockerResolution, type DockerSpec } from './docker.js';
import { ImageMapError, matchImage, type ImageMap } from './image-map.js';
import { pullNotFoundReason } from './image-ref.js';
import type { Resolution } from './types.js';

export interface ImageResolverOptions {
  readonly imageMap?: ImageMap;
  readonly dockerAvailable?: boolean;
  /** Where the docker CLI's own settings (DOCKER_HOST, ...) come from; defaults to process.env. */
  readonly parentEnv?: ParentEnv;
}

export type ResolvableSpec = DockerSpec;

export interface ImageResolver {
  resolve(spec: ResolvableSpec): Resolution;
}

export const createImageResolver = (opts: ImageResolverOptions = {}): ImageResolver => ({
  resolve(spec) {
    const tag = demoImageTag(spec.image);
    if (tag !== undefined) return demoResolution(tag);

    const entry = opts.imageMap === undefined ? undefined : matchImage(opts.imageMap, spec.image);
    if (entry !== undefined) {
      const [program, ...leading] = entry.command;
      if (program === undefined) throw new ImageMapError(`image map entry for ${spec.image}: command must be a non-empty array of strings`);
      return {
        kind: 'process',
        command: program,
        args: [...leading, ...(spec.entryPoint ?? []), ...(spec.command ?? [])],
        ...(entry.cwd === undefined ? {} : { cwd: entry.cwd }),
        env: entry.env ?? {},
      };
    }

    if (opts.dockerAvailable === true) return dockerResolution(spec, opts.parentEnv ?? process.env);
    return { kind: 'not-found', reason: pullNotFoundReason(spec.image) };
  },
});
