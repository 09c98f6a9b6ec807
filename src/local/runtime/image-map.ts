// Loads and matches the user's image map: image names (exact, or a prefix ending in `*`) to local commands.
import { readFileSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';

export interface ImageMapEntry {
  /** Program and leading arguments; the task definition's entryPoint and command are appended. */
  readonly command: readonly string[];
  /** Working directory; a relative one is relative to the map file. Defaults to the map file's directory. */
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
}

export interface ImageMap {
  readonly images: Readonly<Record<string, ImageMapEntry>>;
}

export class ImageMapError extends Error {
  readonly code = 'InvalidImageMap';
  constructor(message: string) {
    super(message);
    this.name = 'ImageMapError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : `${typeof value} ${JSON.stringify(value)}`;

const parseEntry = (raw: unknown, field: string, source: string, baseDir: string): ImageMapEntry => {
  const fail = (what: string, expected: string, got: unknown): never => {
    throw new ImageMapError(`image map ${source}: ${field}${what} must be ${expected}, got ${describe(got)}`);
  };
  if (!isRecord(raw)) return fail('', 'an object with "command"', raw);
  const { command, cwd, env } = raw;
  if (!Array.isArray(command) || command.length === 0 || !command.every((part) => typeof part === 'string')) {
    return fail('.command', 'a non-empty array of strings', command);
  }
  if (command[0] === '') return fail('.command[0]', 'a program name or path', command[0]);
  if (cwd !== undefined && typeof cwd !== 'string') return fail('.cwd', 'a string', cwd);
  if (env !== undefined && !isRecord(env)) return fail('.env', 'an object of strings', env);
  for (const [name, value] of Object.entries(env ?? {})) {
    if (typeof value !== 'string') fail(`.env.${name}`, 'a string', value);
  }
  return {
    command: command as string[],
    cwd: resolvePath(baseDir, cwd ?? '.'),
    ...(env === undefined ? {} : { env: env as Record<string, string> }),
  };
};

/** Validates parsed JSON; `source` names the file in errors, `baseDir` anchors relative `cwd`s. */
export const parseImageMap = (json: unknown, source: string, baseDir: string): ImageMap => {
  if (!isRecord(json) || !isRecord(json.images)) {
    throw new ImageMapError(
      `image map ${source}: "images" must be an object of image → { command, cwd?, env? }, got ${describe(isRecord(json) ? json.images : json)}`,
    );
  }
  const images: Record<string, ImageMapEntry> = {};
  for (const [image, raw] of Object.entries(json.images)) {
    if (image === '' || image === '*')
      throw new ImageMapError(`image map ${source}: images key "${image}" must name an image or a prefix ending in "*"`);
    images[image] = parseEntry(raw, `images["${image}"]`, source, baseDir);
  }
  return { images };
};

export const loadImageMap = (path: string): ImageMap => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ImageMapError(`image map ${path}: cannot read the file (${(err as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ImageMapError(`image map ${path}: not valid JSON (${(err as Error).message})`);
  }
  return parseImageMap(json, path, dirname(resolvePath(path)));
};

/** An exact key wins; otherwise the longest `prefix*` key that the image starts with. */
export const matchImage = (map: ImageMap, image: string): ImageMapEntry | undefined => {
  const exact = Object.hasOwn(map.images, image) ? map.images[image] : undefined;
  if (exact !== undefined) return exact;
  let best: { readonly length: number; readonly entry: ImageMapEntry } | undefined;
  for (const [key, entry] of Object.entries(map.images)) {
    if (!key.endsWith('*')) continue;
    const prefix = key.slice(0, -1);
    if (image.startsWith(prefix) && (best === undefined || prefix.length > best.length)) best = { length: prefix.length, entry };
  }
  return best?.entry;
};
