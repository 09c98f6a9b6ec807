// `cortado env publish`: read the document, read AWS, write back conditionally; a lost race (412) starts over, so no update is ever lost.
import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { CortadoError } from '../core/errors.js';
import { msg } from '../core/io-host.js';
import { mergeEndpoints, parseEndpoints, parseTarget, type Endpoint } from './endpoints-doc.js';
import { listEnvs } from './list-envs.js';
import type { PreviewDeps } from './preview-deps.js';

export interface PublishResult {
  readonly target: string;
  readonly environments: number;
  /** How many read-write rounds it took: more than 1 means another publisher won a race and we redid ours on top. */
  readonly attempts: number;
}

const MAX_ATTEMPTS = 20;

async function currentEndpoints(deps: PreviewDeps, signal: AbortSignal): Promise<Endpoint[]> {
  const { rows } = await listEnvs(deps, signal);
  return rows.filter((r) => r.status === 'ready').map((r) => ({ name: r.name, url: r.url, image: r.image, updatedAt: r.updatedAt }));
}

async function readLocal(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

export async function publishEndpoints(deps: PreviewDeps, to: string, signal: AbortSignal): Promise<PublishResult> {
  const target = parseTarget(to);
  const { config } = deps;
  if (target.kind === 'file') {
    const current = parseEndpoints(await readLocal(target.path), target.path);
    const envs = await currentEndpoints(deps, signal);
    const doc = mergeEndpoints(current, config.app, config.domain, envs, deps.clock.now());
    // A reader sees the old file or the new one, never half of one: write beside it, then rename over it.
    await mkdir(dirname(target.path), { recursive: true });
    const tmp = join(dirname(target.path), `.${basename(target.path)}.${randomUUID()}.tmp`);
    try {
      await writeFile(tmp, `${JSON.stringify(doc, null, 2)}\n`);
      await rename(tmp, target.path);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    deps.io.notify(msg('debug', 'ENV_PUBLISHED', `published ${envs.length} environment(s) to ${to}`, { target: to }));
    return { target: to, environments: envs.length, attempts: 1 };
  }
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    // The document first, AWS second: whatever another publisher wrote before our read, our AWS read is newer than it.
    const stored = await deps.aws.s3.getText(target.bucket, target.key, signal);
    const envs = await currentEndpoints(deps, signal);
    const doc = mergeEndpoints(parseEndpoints(stored?.text, to), config.app, config.domain, envs, deps.clock.now());
    const ok = await deps.aws.s3.putTextIf(
      target.bucket,
      target.key,
      `${JSON.stringify(doc, null, 2)}\n`,
      stored ? { kind: 'if-match', etag: stored.etag } : { kind: 'if-none-match' },
      signal,
    );
    if (ok) {
      deps.io.notify(
        msg(
          'debug',
          'ENV_PUBLISHED',
          `published ${envs.length} environment(s) to ${to}${attempt > 1 ? ` (after ${attempt - 1} lost race(s))` : ''}`,
          { target: to, attempt },
        ),
      );
      return { target: to, environments: envs.length, attempts: attempt };
    }
    deps.io.notify(msg('debug', 'ENV_PUBLISH_RACED', `${to} changed since we read it; reading it again`, { attempt }));
    await deps.clock.sleep(Math.min(1000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2), signal);
  }
  throw new CortadoError('ENV_PUBLISH_CONTENDED', `${to}: still changing under us after ${MAX_ATTEMPTS} attempts`, {
    source: 'aws',
    hint: 'too many publishers at once; run publish again',
  });
}
