// Loading the image map: valid files load with cwd anchored to the file; bad ones fail naming the file and the field.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadImageMap, matchImage, parseImageMap } from '../../../src/local/runtime/image-map.js';

const dir = mkdtempSync(join(tmpdir(), 'cortado-image-map-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

test('a valid map loads; relative and missing cwd are anchored to the map file', () => {
  const path = write(
    'ok.json',
    JSON.stringify({
      images: { 'my-api:*': { command: ['node', 'server.js'], cwd: 'api', env: { A: '1' } }, 'worker:1': { command: ['./run'] } },
    }),
  );
  const map = loadImageMap(path);
  assert.deepEqual(map.images['my-api:*'], { command: ['node', 'server.js'], cwd: join(dir, 'api'), env: { A: '1' } });
  assert.deepEqual(map.images['worker:1'], { command: ['./run'], cwd: dir });
});

test('errors name the file, the field, what is expected and what was received', () => {
  const table: ReadonlyArray<readonly [string, string, RegExp]> = [
    ['not-json.json', '{ images: ', /not-json\.json: not valid JSON/],
    ['no-images.json', '{"imgs": {}}', /no-images\.json: "images" must be an object .*got undefined/],
    [
      'no-command.json',
      '{"images": {"a:1": {"cwd": "."}}}',
      /no-command\.json: images\["a:1"\]\.command must be a non-empty array of strings, got undefined/,
    ],
    [
      'empty-command.json',
      '{"images": {"a:1": {"command": []}}}',
      /images\["a:1"\]\.command must be a non-empty array of strings, got an array/,
    ],
    [
      'string-command.json',
      '{"images": {"a:1": {"command": "node app.js"}}}',
      /\.command must be a non-empty array of strings, got string "node app\.js"/,
    ],
    [
      'bad-env.json',
      '{"images": {"a:1": {"command": ["x"], "env": {"N": 1}}}}',
      /bad-env\.json: images\["a:1"\]\.env\.N must be a string, got number 1/,
    ],
    ['bad-cwd.json', '{"images": {"a:1": {"command": ["x"], "cwd": 5}}}', /images\["a:1"\]\.cwd must be a string, got number 5/],
    ['star.json', '{"images": {"*": {"command": ["x"]}}}', /images key "\*" must name an image/],
  ];
  for (const [name, text, expected] of table) {
    assert.throws(
      () => loadImageMap(write(name, text)),
      (err: Error) => err.name === 'ImageMapError' && expected.test(err.message),
      name,
    );
  }
  assert.throws(() => loadImageMap(join(dir, 'missing.json')), /missing\.json: cannot read the file/);
});

test('matching: an exact key wins, then the longest prefix', () => {
  const map = parseImageMap(
    {
      images: {
        'registry/team/*': { command: ['team'] },
        'registry/team/api:*': { command: ['api-any'] },
        'registry/team/api:v1': { command: ['api-v1'] },
      },
    },
    'inline',
    '/',
  );
  const first = (image: string): string | undefined => matchImage(map, image)?.command[0];
  assert.equal(first('registry/team/api:v1'), 'api-v1');
  assert.equal(first('registry/team/api:v2'), 'api-any');
  assert.equal(first('registry/team/web:v1'), 'team');
  assert.equal(first('registry/other/web:v1'), undefined);
  assert.equal(first('toString'), undefined);
});
