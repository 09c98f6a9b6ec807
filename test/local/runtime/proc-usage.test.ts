// Parsers of /proc/<pid>/stat and /proc/<pid>/status, and a read of this very process.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseProcStatCpuSeconds, parseProcStatusRssBytes, readProcessUsage } from '../../../src/local/runtime/proc-usage.js';

test('cpu seconds are utime+stime+cutime+cstime in 1/100 s, even with spaces and parentheses in the name', () => {
  const stat = '4242 (node (my app)) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 50 7 3 20 0 11 0 12345 1000000 9000 18446744073709551615';
  assert.equal(parseProcStatCpuSeconds(stat), 3.1);
});

test('rss comes from VmRSS in kB', () => {
  assert.equal(parseProcStatusRssBytes('Name:\tnode\nVmHWM:\t  60000 kB\nVmRSS:\t   51234 kB\n'), 51234 * 1024);
  assert.equal(parseProcStatusRssBytes('Name:\tkthreadd\n'), 0);
});

test('readProcessUsage reads a live process and gives undefined for a missing one', async () => {
  const self = await readProcessUsage(process.pid);
  assert.ok(self !== undefined && self.rssBytes > 1024 * 1024 && self.cpuSeconds > 0, JSON.stringify(self));
  assert.equal(await readProcessUsage(2 ** 30), undefined);
});
