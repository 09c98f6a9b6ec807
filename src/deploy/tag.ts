// `tag <dir>`: an image tag that changes only with its sources — the commit hash of the last commit touching the Dockerfile's directory.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { promisify } from 'node:util';
import { awsErrorCode } from '../aws/aws-call.js';
import type { AwsClients } from '../aws/aws-clients.js';
import { UsageError } from '../core/errors.js';

const run = promisify(execFile);

export interface TagOptions {
  readonly cwd: string;
  readonly dir: string;
  /** Check the ECR repository for the tag. */
  readonly repository?: string;
  readonly registryId?: string;
}

export interface TagResult {
  readonly tag: string;
  readonly exists?: boolean;
}

export async function lastCommitOf(cwd: string, dir: string): Promise<string> {
  const path = isAbsolute(dir) ? dir : join(cwd, dir);
  if (!existsSync(path)) throw new UsageError('BAD_ARGUMENTS', `tag: ${dir} does not exist`);
  let stdout: string;
  try {
    ({ stdout } = await run('git', ['log', '-n', '1', '--pretty=format:%H', '--', path], { cwd }));
  } catch (e) {
    const msg = ((e as { stderr?: string }).stderr ?? String(e)).trim().split('\n')[0];
    throw new UsageError('GIT_FAILED', `tag: git log failed in ${cwd}: ${msg}`, 'run it inside a git work tree');
  }
  const hash = stdout.trim();
  if (!/^[0-9a-f]{40}$/.test(hash)) throw new UsageError('NO_COMMIT', `tag: no commit touches ${dir} yet`, 'commit the directory first');
  return hash;
}

export async function imageTag(o: TagOptions, aws?: AwsClients, signal?: AbortSignal): Promise<TagResult> {
  const tag = await lastCommitOf(o.cwd, o.dir);
  if (!o.repository) return { tag };
  if (!aws) throw new UsageError('BAD_OPTION', '--exists needs AWS access');
  try {
    const out = await (
      await aws.ecr()
    ).describeImages(
      { repositoryName: o.repository, imageIds: [{ imageTag: tag }], ...(o.registryId ? { registryId: o.registryId } : {}) },
      signal,
    );
    return { tag, exists: Boolean(out.imageDetails?.length) };
  } catch (e) {
    if (awsErrorCode(e) === 'ImageNotFoundException') return { tag, exists: false };
    if (awsErrorCode(e) === 'RepositoryNotFoundException')
      throw new UsageError('REPOSITORY_NOT_FOUND', `ECR repository ${o.repository} not found`);
    throw e;
  }
}
