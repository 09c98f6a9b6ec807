import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadModel } from '../../../src/local/model/model.js';
import { matchRoute } from '../../../src/local/protocols/rest-routes.js';

const s3 = loadModel('s3');
const route = (method: string, path: string, query = '', headers: Record<string, string> = {}) =>
  matchRoute(s3, method, path, new URLSearchParams(query), headers)?.operation;

describe('S3 routing by URI, then by required query and header members', () => {
  const table: ReadonlyArray<readonly [string, string, string, Record<string, string>, string]> = [
    ['PUT', '/b', '', {}, 'CreateBucket'],
    ['HEAD', '/b', '', {}, 'HeadBucket'],
    ['GET', '/b', 'list-type=2', {}, 'ListObjectsV2'],
    ['GET', '/b', '', {}, 'ListObjects'],
    ['GET', '/', '', {}, 'ListBuckets'],
    ['PUT', '/b/k/with/slashes', '', {}, 'PutObject'],
    ['PUT', '/b/k', '', { 'x-amz-copy-source': 'b/src' }, 'CopyObject'],
    ['PUT', '/b/k', 'partNumber=1&uploadId=u', {}, 'UploadPart'],
    ['PUT', '/b/k', 'partNumber=1&uploadId=u', { 'x-amz-copy-source': 'b/src' }, 'UploadPartCopy'],
    ['DELETE', '/b/k', '', {}, 'DeleteObject'],
    ['DELETE', '/b/k', 'uploadId=u', {}, 'AbortMultipartUpload'],
    ['POST', '/b/k', 'uploads', {}, 'CreateMultipartUpload'],
    ['POST', '/b/k', 'uploadId=u', {}, 'CompleteMultipartUpload'],
    ['POST', '/b', 'delete', {}, 'DeleteObjects'],
    ['GET', '/b/k', '', {}, 'GetObject'],
    ['HEAD', '/b/k', '', {}, 'HeadObject'],
  ];
  for (const [method, path, query, headers, expected] of table) {
    it(`${method} ${path}${query ? `?${query}` : ''}${Object.keys(headers).length ? ' +copy-source' : ''} → ${expected}`, () => {
      assert.equal(route(method, path, query, headers), expected);
    });
  }
  it('keeps URI-only matching when no headers are given (Route 53)', () => {
    assert.equal(matchRoute(s3, 'PUT', '/b/k', new URLSearchParams())?.operation !== undefined, true);
  });
});
