// The environment a container sees: a minimal base, then image, task definition and runtime variables, in that order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { containerEnv } from '../../../src/local/runtime/container-env.js';

const spec = {
  host: '127.0.3.7',
  ports: [8080, 9090],
  taskId: 'a'.repeat(32),
  environment: { HOST: '0.0.0.0', APP: 'task', SHARED: 'task' },
};

test('only the base variables of the parent pass; later layers win; runtime variables win over the task definition', () => {
  const env = containerEnv(
    spec,
    { SHARED: 'image', IMAGE_ONLY: '1' },
    { PATH: '/bin', HOME: '/home/u', NODE_OPTIONS: '--inspect', AWS_SECRET_ACCESS_KEY: 'x' },
  );
  assert.deepEqual(env, {
    PATH: '/bin',
    HOME: '/home/u',
    SHARED: 'task',
    IMAGE_ONLY: '1',
    APP: 'task',
    HOST: '127.0.3.7',
    ECS_TASK_HOST: '127.0.3.7',
    CORTADO_BIND_HOST: '127.0.3.7',
    CORTADO_TASK_ID: 'a'.repeat(32),
    CORTADO_CONTAINER_PORT: '8080',
  });
});

test('PATH has a fallback, PORT is never set, and no port means no CORTADO_CONTAINER_PORT', () => {
  const env = containerEnv({ ...spec, ports: [] }, {}, {});
  assert.equal(env.PATH, '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
  assert.equal(env.PORT, undefined);
  assert.equal(env.CORTADO_CONTAINER_PORT, undefined);
});
