// `tag <dir>`: the hash of the last commit touching the directory, so unrelated commits keep the tag.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { lastCommitOf } from '../../src/deploy/tag.js';

function repo(): { dir: string; commit: (msg: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'cortado-tag-'));
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' },
    }).trim();
  git('init', '-q');
  return {
    dir,
    commit: (msg) => {
      git('add', '-A');
      git('commit', '-q', '-m', msg);
      return git('rev-parse', 'HEAD');
    },
  };
}

test('the tag changes only with commits that touch the directory', async () => {
  const r = repo();
  mkdirSync(join(r.dir, 'app'));
  writeFileSync(join(r.dir, 'app/Dockerfile'), 'FROM scratch\n');
  const first = r.commit('app');
  writeFileSync(join(r.dir, 'README.md'), 'docs\n');
  r.commit('docs only');
  assert.equal(await lastCommitOf(r.dir, 'app'), first);
  writeFileSync(join(r.dir, 'app/main.go'), 'package main\n');
  const second = r.commit('app change');
  assert.equal(await lastCommitOf(r.dir, 'app/'), second);
});

test('a directory with no commit, a missing directory, and no repository are usage errors', async () => {
  const r = repo();
  mkdirSync(join(r.dir, 'new'));
  writeFileSync(join(r.dir, 'x'), '1');
  r.commit('x');
  writeFileSync(join(r.dir, 'new/file'), '1');
  await assert.rejects(lastCommitOf(r.dir, 'new'), /no commit touches new yet/);
  await assert.rejects(lastCommitOf(r.dir, 'nope'), /nope does not exist/);
  const plain = mkdtempSync(join(tmpdir(), 'cortado-notgit-'));
  await assert.rejects(lastCommitOf(plain, '.'), /git log failed/);
});
