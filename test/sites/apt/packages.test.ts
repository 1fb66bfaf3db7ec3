import { describe, expect, it } from 'vitest';
import { parsePackages, parseRelations } from '../../../src/sites/apt/packages.js';

describe('Packages records', () => {
  it('parses relations: alternatives, versions, arch qualifiers, obsolete < and >, profiles', () => {
    expect(parseRelations('libc6 (>= 2.34), a | b (<< 2), perl:any, c (> 1) [amd64] <!nocheck>, d (< 3)')).toEqual([
      [{ name: 'libc6', op: '>=', version: '2.34' }],
      [{ name: 'a' }, { name: 'b', op: '<<', version: '2' }],
      [{ name: 'perl', arch: 'any' }],
      [{ name: 'c', op: '>=', version: '1' }],
      [{ name: 'd', op: '<=', version: '3' }],
    ]);
    expect(parseRelations(undefined)).toEqual([]);
  });

  it('keeps only complete records, with the suite they came from', () => {
    const text = [
      'Package: hello\nVersion: 2.10-3\nArchitecture: amd64\nPriority: optional\nDepends: libc6 (>= 2.34)\nProvides: greeting (= 1.0)\nFilename: pool/main/h/hello/hello_2.10-3_amd64.deb\nSize: 53000\nSHA256: ' + 'A'.repeat(64),
      'Package: broken\nVersion: 1\n',
    ].join('\n\n');
    const [r, ...rest] = [...parsePackages(text, 'noble-updates')];
    expect(rest).toEqual([]);
    expect(r).toMatchObject({ name: 'hello', suite: 'noble-updates', size: 53000, sha256: 'a'.repeat(64), provides: [{ name: 'greeting', version: '1.0' }] });
  });
});
