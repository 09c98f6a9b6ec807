import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareNames, isInZone, normalizeName, reversedName } from '../../../src/local/services/route53/dns-name.js';

describe('normalizeName', () => {
  const ok: ReadonlyArray<readonly [string, string]> = [
    ['example.com', 'example.com.'],
    ['example.com.', 'example.com.'],
    ['WWW.Example.COM', 'www.example.com.'],
    ['*.example.com', '\\052.example.com.'],
    ['\\052.example.com.', '\\052.example.com.'],
    ['_dmarc.example.com', '_dmarc.example.com.'],
    ['a@b.example.com', 'a\\100b.example.com.'],
    ['my-host.example.com', 'my-host.example.com.'],
    // Escapes are decoded, then every byte other than a-z 0-9 - _ is written back as \ooo [DG R53 "DNS domain name format"].
    ['f\\374bar.example.com', 'f\\374bar.example.com.'],
    ['ex\\344mple.com', 'ex\\344mple.com.'],
    ['a\\040b.example.com', 'a\\040b.example.com.'],
    ['dot\\056inside.example.com', 'dot\\056inside.example.com.'],
    ['\\101\\102c.example.com', 'abc.example.com.'],
    ['x\\.y.example.com', 'x\\056y.example.com.'],
    // Not escaped: a character beyond ASCII is its UTF-8 bytes; case folds for ASCII letters only.
    ['fübar.Example.com', 'f\\303\\274bar.example.com.'],
    ['ドメイン.example.com', '\\343\\203\\211\\343\\203\\241\\343\\202\\244\\343\\203\\263.example.com.'],
    ['F\\334.example.com', 'f\\334.example.com.'],
  ];
  for (const [input, expected] of ok)
    it(`${input} → ${expected}`, () => assert.deepEqual(normalizeName(input), { kind: 'ok', name: expected }));

  const bad: ReadonlyArray<readonly [string, RegExp]> = [
    ['a..example.com', /DomainLabelEmpty/],
    [`${'x'.repeat(64)}.example.com`, /DomainLabelTooLong/],
    [`${Array.from({ length: 60 }, () => 'abcd').join('.')}.com`, /DomainNameTooLong/],
    ['bad name.example.com', /InvalidCharacter/],
    ['tab\there.example.com', /InvalidCharacter/],
    ['a\\9.example.com', /InvalidEscape/],
    ['a\\400.example.com', /InvalidEscape/],
    [`${'\\303'.repeat(64)}.example.com`, /DomainLabelTooLong/],
    [`${'ü'.repeat(32)}.example.com`, /DomainLabelTooLong/],
  ];
  for (const [input, problem] of bad) {
    it(`rejects ${input.slice(0, 30)}`, () => {
      const r = normalizeName(input);
      assert.equal(r.kind, 'invalid');
      assert.match(r.kind === 'invalid' ? r.problem : '', problem);
    });
  }
});

describe('ordering and zones', () => {
  it('reverses labels for ListResourceRecordSets order', () => {
    assert.equal(reversedName('www.example.com.'), 'com.example.www.');
    const names = ['www.example.com.', 'example.com.', 'a.example.com.', 'b.a.example.com.', 'api.example.com.'];
    assert.deepEqual([...names].sort(compareNames), [
      'example.com.',
      'a.example.com.',
      'b.a.example.com.',
      'api.example.com.',
      'www.example.com.',
    ]);
  });

  it('knows which names lie in a zone', () => {
    assert.equal(isInZone('www.example.com.', 'example.com.'), true);
    assert.equal(isInZone('example.com.', 'example.com.'), true);
    assert.equal(isInZone('badexample.com.', 'example.com.'), false);
    assert.equal(isInZone('example.org.', 'example.com.'), false);
  });
});
