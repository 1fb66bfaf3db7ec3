import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { byHashPath, parseRelease } from '../../../src/sites/apt/release.js';

const fixture = new URL('../../../../shared/fixtures/apt/ubuntu/dists/noble/InRelease', import.meta.url);

describe('parseRelease', () => {
  it("reads the real noble InRelease: Ubuntu's fields, hash types and file list", () => {
    const r = parseRelease(readFileSync(fixture, 'utf8').replace(/^-----BEGIN PGP SIGNED MESSAGE-----\nHash: \w+\n\n/, ''));
    expect(r.fields.get('origin')).toBe('Ubuntu');
    expect(r.fields.get('codename')).toBe('noble');
    expect(r.acquireByHash).toBe(true);
    expect(r.hashTypes).toEqual(['MD5Sum', 'SHA1', 'SHA256']);
    expect(r.components).toEqual(['main', 'restricted', 'universe', 'multiverse']);
    expect(r.date).toBe(Date.parse('Thu, 25 Apr 2024 15:10:33 UTC'));
    const rel = r.files.get('main/binary-amd64/Release')!;
    expect(rel.size).toBe(95);
    expect(rel.hashes.SHA256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.files.get('main/binary-amd64/Packages.xz')!.hashes.MD5Sum).toMatch(/^[0-9a-f]{32}$/);
  });

  it('puts by-hash next to the file', () => {
    expect(byHashPath('main/binary-amd64/Packages.xz', 'SHA256', 'ab')).toBe('main/binary-amd64/by-hash/SHA256/ab');
    expect(byHashPath('Contents-amd64.gz', 'SHA512', 'cd')).toBe('by-hash/SHA512/cd');
  });
});
