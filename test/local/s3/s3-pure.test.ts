import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isValidBucketName } from '../../../src/local/services/s3/bucket-names.js';
import { parseRange } from '../../../src/local/services/s3/byte-range.js';
import { judgeRead, judgeWrite } from '../../../src/local/services/s3/object-conditions.js';
import { decodeContinuation, encodeContinuation, listKeys } from '../../../src/local/services/s3/list-keys.js';
import { decodeAwsChunked } from '../../../src/local/services/s3/aws-chunked.js';
import { multipartEtag, quotedEtag } from '../../../src/local/services/s3/object-store.js';

describe('bucket names', () => {
  const table: ReadonlyArray<readonly [string, boolean]> = [
    ['my-bucket', true],
    ['a.b.c', true],
    ['abc', true],
    ['ab', false],
    ['My-Bucket', false],
    ['-abc', false],
    ['abc-', false],
    ['a..b', false],
    ['192.168.1.1', false],
    ['xn--abc', false],
    ['abc-s3alias', false],
    ['a'.repeat(64), false],
  ];
  for (const [name, ok] of table) it(`${name} → ${ok}`, () => assert.equal(isValidBucketName(name), ok));
});

describe('Range header', () => {
  const table: ReadonlyArray<readonly [string | undefined, number, unknown]> = [
    [undefined, 10, { kind: 'whole' }],
    ['bytes=0-3', 10, { kind: 'partial', start: 0, end: 3 }],
    ['bytes=5-', 10, { kind: 'partial', start: 5, end: 9 }],
    ['bytes=-3', 10, { kind: 'partial', start: 7, end: 9 }],
    ['bytes=8-100', 10, { kind: 'partial', start: 8, end: 9 }],
    ['bytes=10-', 10, { kind: 'unsatisfiable' }],
    ['bytes=0-1,3-4', 10, { kind: 'whole' }],
    ['items=0-1', 10, { kind: 'whole' }],
  ];
  for (const [header, size, expected] of table)
    it(`${String(header)} of ${size}`, () => assert.deepEqual(parseRange(header, size), expected));
});

describe('conditional requests', () => {
  const o = { etag: '"abc"', lastModified: Date.UTC(2026, 0, 1, 12, 0, 0, 500) };
  it('reads: If-Match mismatch is 412, If-None-Match match is 304', () => {
    assert.deepEqual(judgeRead({ IfMatch: '"zzz"' }, o), { kind: 'failed', condition: 'If-Match' });
    assert.deepEqual(judgeRead({ IfMatch: '"abc"' }, o), { kind: 'ok' });
    assert.deepEqual(judgeRead({ IfMatch: '*' }, o), { kind: 'ok' });
    assert.deepEqual(judgeRead({ IfNoneMatch: 'abc' }, o), { kind: 'not-modified' });
    assert.deepEqual(judgeRead({ IfNoneMatch: '"x", "abc"' }, o), { kind: 'not-modified' });
  });
  it('reads: dates compare at one-second precision, and ETag conditions win over dates', () => {
    assert.deepEqual(judgeRead({ IfModifiedSince: new Date(Date.UTC(2026, 0, 1, 12, 0, 0)) }, o), { kind: 'not-modified' });
    assert.deepEqual(judgeRead({ IfModifiedSince: new Date(Date.UTC(2026, 0, 1, 11, 59, 59)) }, o), { kind: 'ok' });
    assert.deepEqual(judgeRead({ IfUnmodifiedSince: new Date(Date.UTC(2026, 0, 1, 11, 0, 0)) }, o), {
      kind: 'failed',
      condition: 'If-Unmodified-Since',
    });
    assert.deepEqual(judgeRead({ IfMatch: '"abc"', IfUnmodifiedSince: new Date(Date.UTC(2026, 0, 1, 11, 0, 0)) }, o), { kind: 'ok' });
    assert.deepEqual(judgeRead({ IfNoneMatch: '"zzz"', IfModifiedSince: new Date(Date.UTC(2027, 0, 1)) }, o), { kind: 'ok' });
  });
  it('writes: If-None-Match * needs no object, If-Match needs the same ETag and an object', () => {
    assert.deepEqual(judgeWrite({ IfNoneMatch: '*' }, undefined), { kind: 'ok' });
    assert.deepEqual(judgeWrite({ IfNoneMatch: '*' }, o), { kind: 'failed', condition: 'If-None-Match' });
    assert.equal(judgeWrite({ IfNoneMatch: '"abc"' }, o).kind, 'unsupported');
    assert.deepEqual(judgeWrite({ IfMatch: '"abc"' }, o), { kind: 'ok' });
    assert.deepEqual(judgeWrite({ IfMatch: '"zzz"' }, o), { kind: 'failed', condition: 'If-Match' });
    assert.deepEqual(judgeWrite({ IfMatch: '"abc"' }, undefined), { kind: 'missing' });
  });
});

describe('listing keys', () => {
  const keys = ['a/1', 'a/2', 'a/b/3', 'b', 'c/1', 'c/2'];
  it('rolls keys up into common prefixes with a delimiter', () => {
    const page = listKeys(keys, { prefix: '', delimiter: '/', maxKeys: 1000 });
    assert.deepEqual(page.keys, ['b']);
    assert.deepEqual(page.commonPrefixes, ['a/', 'c/']);
    assert.equal(page.isTruncated, false);
  });
  it('counts a common prefix as one entry and resumes after it', () => {
    const first = listKeys(keys, { prefix: '', delimiter: '/', maxKeys: 1 });
    assert.deepEqual([first.commonPrefixes, first.keys, first.isTruncated], [['a/'], [], true]);
    const token = encodeContinuation(first.last!);
    const second = listKeys(keys, { prefix: '', delimiter: '/', maxKeys: 1, from: decodeContinuation(token)! });
    assert.deepEqual([second.keys, second.commonPrefixes, second.isTruncated], [['b'], [], true]);
  });
  it('filters by prefix and starts after a key', () => {
    const page = listKeys(keys, { prefix: 'a/', maxKeys: 1000, from: { after: 'a/1', rolledUp: false } });
    assert.deepEqual(page.keys, ['a/2', 'a/b/3']);
  });
  it('does not skip keys under a key that merely ends with the delimiter', () => {
    const page = listKeys(['d/', 'd/x'], { prefix: 'd/', delimiter: '/', maxKeys: 1, from: { after: 'd/', rolledUp: false } });
    assert.deepEqual(page.keys, ['d/x']);
  });
});

describe('payload helpers', () => {
  it('decodes aws-chunked bodies with signatures and trailers', () => {
    const raw = Buffer.from('5;chunk-signature=abc\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:AAAA\r\n\r\n');
    const out = decodeAwsChunked(raw)!;
    assert.equal(out.body.toString(), 'hello world');
    assert.deepEqual(out.trailers, { 'x-amz-checksum-crc32': 'AAAA' });
    assert.equal(decodeAwsChunked(Buffer.from('zz\r\n')), undefined);
  });
  it('computes the quoted MD5 ETag and the multipart ETag', () => {
    assert.equal(quotedEtag(Buffer.from('hello\n')), '"b1946ac92492d2347c6235b4d2611184"');
    assert.match(multipartEtag(['"b1946ac92492d2347c6235b4d2611184"', '"b1946ac92492d2347c6235b4d2611184"']), /^"[0-9a-f]{32}-2"$/);
  });
});
