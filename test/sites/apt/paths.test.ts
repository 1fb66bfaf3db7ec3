import { describe, expect, it } from 'vitest';
import { classifyAptPath } from '../../../src/sites/apt/paths.js';

describe('classifyAptPath', () => {
  it('tells the signed root, by-hash objects, indices and the rest apart', () => {
    expect(classifyAptPath('/ubuntu/dists/noble-updates/InRelease')).toEqual({ kind: 'suite-meta', suiteDir: '/ubuntu/dists/noble-updates', name: 'InRelease' });
    expect(classifyAptPath('/ubuntu-ports/dists/noble/Release.gpg')).toMatchObject({ kind: 'suite-meta', name: 'Release.gpg' });
    expect(classifyAptPath('/ubuntu/dists/noble/main/binary-amd64/by-hash/SHA256/abc123')).toEqual({ kind: 'by-hash', suiteDir: '/ubuntu/dists/noble', type: 'SHA256', hex: 'abc123' });
    expect(classifyAptPath('/ubuntu/dists/noble/by-hash/MD5Sum/00ff')).toMatchObject({ kind: 'by-hash', type: 'MD5Sum' });
    expect(classifyAptPath('/ubuntu/dists/noble/main/binary-amd64/Packages.xz')).toEqual({ kind: 'index', suiteDir: '/ubuntu/dists/noble', rel: 'main/binary-amd64/Packages.xz' });
    expect(classifyAptPath('/ubuntu/pool/main/h/hello/hello_2.10-3_amd64.deb')).toEqual({ kind: 'other' });
    expect(classifyAptPath('/ubuntu/dists/noble')).toEqual({ kind: 'other' });
  });
});
