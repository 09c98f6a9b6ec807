// The loopback address pool: order, skipped octets, no immediate reuse, and that the addresses really bind.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { createAddressPool } from '../../../src/local/runtime/address-pool.js';

test('addresses start at 127.0.1.1 and skip .0 and .255 octets', () => {
  const pool = createAddressPool();
  assert.equal(pool.allocate(), '127.0.1.1');
  const late = createAddressPool('127.0.1.253');
  assert.deepEqual([late.allocate(), late.allocate(), late.allocate()], ['127.0.1.253', '127.0.1.254', '127.0.2.1']);
  const wrap = createAddressPool('127.0.254.254');
  assert.deepEqual([wrap.allocate(), wrap.allocate()], ['127.0.254.254', '127.1.1.1']);
});

test('released addresses are not handed out again at once, and in-use ones never twice', () => {
  const pool = createAddressPool();
  const a = pool.allocate();
  const b = pool.allocate();
  pool.release(a);
  pool.release(a);
  pool.release('10.0.0.1');
  assert.equal(pool.inUse, 1);
  const c = pool.allocate();
  assert.notEqual(c, a);
  assert.notEqual(c, b);
  assert.equal(new Set([b, c]).size, 2);
});

test('a bad start address is refused with what was received', () => {
  assert.throws(() => createAddressPool('10.0.0.1'), /got "10\.0\.0\.1"/);
  assert.throws(() => createAddressPool('127.0.0.255'), /got "127\.0\.0\.255"/);
});

test('two pool addresses bind the same port at once with no configuration (Linux: 127/8 is on lo)', async () => {
  const pool = createAddressPool('127.66.200.1');
  const servers = [createServer(), createServer()];
  try {
    const bound = await Promise.all(
      servers.map(
        (server) =>
          new Promise<string>((resolve, reject) => {
            server.once('error', reject);
            server.listen(0, pool.allocate(), () => resolve((server.address() as { address: string }).address));
          }),
      ),
    );
    assert.deepEqual(bound, ['127.66.200.1', '127.66.200.2']);
  } finally {
    for (const server of servers) server.close();
  }
});

test('reserves an address outside its own range (restored tasks keep theirs) and never hands it out', () => {
  const pool = createAddressPool('127.9.1.1');
  pool.reserve('127.3.4.5');
  pool.reserve('127.9.1.2');
  assert.equal(pool.inUse, 2);
  assert.equal(pool.allocate(), '127.9.1.1');
  assert.equal(pool.allocate(), '127.9.1.3');
  pool.release('127.3.4.5');
  assert.equal(pool.inUse, 3);
});
