// Table test: image references qualify the way containerd prints them in ECS pull errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseImageRef, pullNotFoundReason } from '../../../src/local/runtime/image-ref.js';

test('parseImageRef qualifies references like containerd', () => {
  const table: ReadonlyArray<readonly [string, string, string, string | undefined]> = [
    // image, qualified, path, tag
    ['nginx', 'docker.io/library/nginx:latest', 'library/nginx', 'latest'],
    ['nginx:1.27', 'docker.io/library/nginx:1.27', 'library/nginx', '1.27'],
    ['myorg/app:v1', 'docker.io/myorg/app:v1', 'myorg/app', 'v1'],
    ['index.docker.io/library/redis', 'docker.io/library/redis:latest', 'library/redis', 'latest'],
    ['public.ecr.aws/cortado/demo-app:v1', 'public.ecr.aws/cortado/demo-app:v1', 'cortado/demo-app', 'v1'],
    ['localhost:5000/app', 'localhost:5000/app:latest', 'app', 'latest'],
    ['localhost/app:dev', 'localhost/app:dev', 'app', 'dev'],
    [
      '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/api:abc123',
      '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/api:abc123',
      'team/api',
      'abc123',
    ],
    ['ghcr.io/o/app@sha256:0123', 'ghcr.io/o/app@sha256:0123', 'o/app', undefined],
    ['nginx:1.27@sha256:0123', 'docker.io/library/nginx:1.27@sha256:0123', 'library/nginx', '1.27'],
  ];
  for (const [image, qualified, path, tag] of table) {
    const ref = parseImageRef(image);
    assert.deepEqual([ref.qualified, ref.path, ref.tag], [qualified, path, tag], image);
  }
});

test('pullNotFoundReason reads like ECS on Fargate', () => {
  assert.equal(
    pullNotFoundReason('nginx'),
    'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref docker.io/library/nginx:latest: docker.io/library/nginx:latest: not found',
  );
});
