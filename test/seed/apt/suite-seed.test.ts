import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSuite } from '../../../src/seed/apt/suite-seed.js';
import { aptArchive } from '../../helpers/apt-archive.js';
import { fakeSectionContext } from '../../helpers/fake-section-context.js';
import { StaticUpstream } from '../../helpers/static-upstream.js';
import { tempDir } from '../../helpers/tmp.js';

let upstream: StaticUpstream;
let port: number;
let archive: string;
beforeAll(async () => {
  archive = aptArchive();
  upstream = new StaticUpstream(archive);
  port = await upstream.listen(0, '127.0.0.1');
}, 60_000);
afterAll(() => upstream.close());

const choice = { components: ['main', 'universe'], architectures: ['amd64'], languages: ['en'], contents: false, sources: false };

describe('seedSuite', () => {
  it('carries InRelease, Release, Release.gpg and every index at its canonical and by-hash paths, all dated by the Release', async () => {
    const ctx = fakeSectionContext(port, tempDir());
    const s = await seedSuite('http://archive.ubuntu.com/ubuntu', 'noble', join(archive, 'keyring.gpg'), choice, ctx, 'apt[0]');
    const paths = s.objects.map((o) => o.path);
    expect(paths).toContain('/ubuntu/dists/noble/InRelease');
    expect(paths).toContain('/ubuntu/dists/noble/Release');
    expect(paths).toContain('/ubuntu/dists/noble/Release.gpg');
    expect(paths).toContain('/ubuntu/dists/noble/main/binary-amd64/Packages.xz');
    const xz = s.release.files.get('main/binary-amd64/Packages.xz')!;
    for (const type of ['MD5Sum', 'SHA1', 'SHA256', 'SHA512'] as const) expect(paths).toContain(`/ubuntu/dists/noble/main/binary-amd64/by-hash/${type}/${xz.hashes[type]}`);
    expect(new Set(s.objects.map((o) => o.lastModified))).toEqual(new Set([Date.parse('Thu, 25 Apr 2024 15:10:33 UTC')]));
    expect(s.objects.every((o) => o.ns === 'ubuntu-archive')).toBe(true);
    expect(s.packagesFiles.map((f) => f.path).sort()).toEqual(['main/binary-amd64/Packages', 'universe/binary-amd64/Packages']);
    // apt's order: by hash first (SHA512 is the strongest listed).
    expect(ctx.fetched).toContain(`http://archive.ubuntu.com/ubuntu/dists/noble/main/binary-amd64/by-hash/SHA512/${xz.hashes.SHA512}`);
  });

  it('refuses a suite whose InRelease does not verify with the keyring', async () => {
    const ctx = fakeSectionContext(port, tempDir());
    const wrong = new URL('../../../../shared/fixtures/keyrings/ubuntu-keyring-2018-archive.gpg', import.meta.url).pathname;
    await expect(seedSuite('http://archive.ubuntu.com/ubuntu', 'noble', wrong, choice, ctx, 'apt[0]')).rejects.toMatchObject({ code: 'AGC_ERR_SIGNATURE' });
  });
});
