// Parses an image reference and qualifies it the way containerd prints it, so pull errors read like ECS's.

export interface ImageRef {
  /** Registry host, e.g. `docker.io`, `public.ecr.aws`, `localhost:5000`. */
  readonly domain: string;
  /** Repository path inside the registry, e.g. `library/nginx`, `cortado/demo-app`. */
  readonly path: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
  /** Fully qualified, e.g. `docker.io/library/nginx:latest` (`latest` added when neither tag nor digest is given). */
  readonly qualified: string;
}

const DEFAULT_DOMAIN = 'docker.io';

/** Docker's rule: the first component is a registry when it has a `.` or `:`, is `localhost`, or has an upper-case letter. */
const looksLikeDomain = (component: string): boolean =>
  component.includes('.') || component.includes(':') || component === 'localhost' || component !== component.toLowerCase();

export const parseImageRef = (image: string): ImageRef => {
  const at = image.indexOf('@');
  const nameAndTag = at === -1 ? image : image.slice(0, at);
  const digest = at === -1 ? undefined : image.slice(at + 1);

  const lastSlash = nameAndTag.lastIndexOf('/');
  const colon = nameAndTag.indexOf(':', lastSlash + 1);
  const name = colon === -1 ? nameAndTag : nameAndTag.slice(0, colon);
  const explicitTag = colon === -1 ? undefined : nameAndTag.slice(colon + 1);

  const firstSlash = name.indexOf('/');
  const first = firstSlash === -1 ? '' : name.slice(0, firstSlash);
  let domain = DEFAULT_DOMAIN;
  let path = name;
  if (first !== '' && looksLikeDomain(first)) {
    domain = first === 'index.docker.io' ? DEFAULT_DOMAIN : first;
    path = name.slice(firstSlash + 1);
  }
  if (domain === DEFAULT_DOMAIN && !path.includes('/')) path = `library/${path}`;

  const tag = explicitTag ?? (digest === undefined ? 'latest' : undefined);
  const qualified = `${domain}/${path}${tag === undefined ? '' : `:${tag}`}${digest === undefined ? '' : `@${digest}`}`;
  return { domain, path, tag, digest, qualified };
};

/** The reason ECS gives when a registry does not know the image (Fargate platform 1.4 wording). */
export const pullNotFoundReason = (image: string): string => {
  const ref = parseImageRef(image).qualified;
  return `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${ref}: ${ref}: not found`;
};
