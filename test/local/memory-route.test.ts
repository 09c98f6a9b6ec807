// GET /_cortado/memory: the sandbox process's memory, after a full collection when asked and node allows it (soaks read it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSandbox } from '../helpers/sandbox.js';

test('the memory route reports the process memory, and collects first only when asked and node exposes gc', async () => {
  const sandbox = await withSandbox();
  try {
    const read = async (query = '') => {
      const r = await fetch(`${sandbox.endpoint}/_cortado/memory${query}`);
      assert.equal(r.status, 200);
      return (await r.json()) as Record<string, number | boolean>;
    };
    const plain = await read();
    for (const k of ['rss', 'heapTotal', 'heapUsed', 'external', 'arrayBuffers']) assert.ok((plain[k] as number) > 0, k);
    assert.equal(plain.collected, false);
    const exposed = typeof (globalThis as { gc?: unknown }).gc === 'function';
    assert.equal((await read('?gc=1')).collected, exposed, 'collected only when node runs with --expose-gc');
  } finally {
    await sandbox.close();
  }
});
