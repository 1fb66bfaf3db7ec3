import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleObject } from '../../../src/seed/bundle/format.js';
import { aptImportCheck } from '../../../src/seed/apt/import-check.js';
import { seedSuite } from '../../../src/seed/apt/suite-seed.js';
import { aptArchive } from '../../helpers/apt-archive.js';
import { fakeSectionContext } from '../../helpers/fake-section-context.js';
import { StaticUpstream } from '../../helpers/static-upstream.js';

let upstream: StaticUpstream;
let objects: BundleObject[];
let blobs: string;
let keyring: string;
beforeAll(async () => {
  const archive = aptArchive();
  keyring = join(archive, 'keyring.gpg');
  upstream = new StaticUpstream(archive);
  const port = await upstream.listen(0, '127.0.0.1');
  blobs = mkdtempSync(join(tmpdir(), 'agc-apt-blobs-'));
  const s = await seedSuite('http://archive.ubuntu.com/ubuntu', 'noble', keyring, { components: ['main', 'universe'], architectures: ['amd64'], languages: [], contents: false, sources: false }, fakeSectionContext(port, blobs), 'apt[0]');
  objects = s.objects;
}, 60_000);
afterAll(() => upstream.close());

const blobFile = (sha: string): string => join(blobs, sha);
const fake = (path: string, body: string): BundleObject => {
  const sha256 = createHash('sha256').update(body).digest('hex');
  writeFileSync(join(blobs, sha256), body);
  return { ns: 'ubuntu-archive', path, sha256, size: body.length, contentType: 'text/plain', lastModified: 0, fetchedAt: 0, digests: {} };
};

describe('aptImportCheck', () => {
  it('accepts a seeded suite: InRelease, Release, Release.gpg, indices and every by-hash path', async () => {
    expect(objects.length).toBeGreaterThan(20);
    await expect(aptImportCheck([keyring])(objects, blobFile)).resolves.toBeUndefined();
  });

  it('refuses the suite with a keyring that did not sign it', async () => {
    const other = new URL('../../../../shared/fixtures/keyrings/ubuntu-keyring-2018-archive.gpg', import.meta.url).pathname;
    await expect(aptImportCheck([other])(objects, blobFile)).rejects.toMatchObject({ code: 'AGC_ERR_SIGNATURE' });
  });

  it('refuses an index whose bytes its InRelease does not list, naming it', async () => {
    const swapped = objects.map((o) => (o.path.endsWith('main/binary-amd64/Packages') ? fake(o.path, 'Package: evil\n') : o));
    await expect(aptImportCheck([keyring])(swapped, blobFile)).rejects.toThrow(/ubuntu-archive:\/ubuntu\/dists\/noble\/main\/binary-amd64\/Packages has \d+ bytes, its InRelease says/);
  });

  it('refuses files under dists/ that the InRelease does not list, or with no InRelease at all', async () => {
    await expect(aptImportCheck([keyring])([...objects, fake('/ubuntu/dists/noble/main/binary-amd64/Packages.bz2', 'x')], blobFile)).rejects.toThrow(/is not listed in its InRelease/);
    await expect(aptImportCheck([keyring])([...objects, fake('/ubuntu/dists/noble/main/binary-amd64/by-hash/SHA256/' + '0'.repeat(64), 'x')], blobFile)).rejects.toThrow(/is not a SHA256 of any file/);
    await expect(aptImportCheck([keyring])([fake('/ubuntu/dists/jammy/Release', 'x')], blobFile)).rejects.toThrow(/has no InRelease in this bundle/);
  });

  it('refuses a Release that differs from the signed text', async () => {
    const swapped = objects.map((o) => (o.path === '/ubuntu/dists/noble/Release' ? fake(o.path, 'Origin: Ubuntu\n') : o));
    await expect(aptImportCheck([keyring])(swapped, blobFile)).rejects.toThrow(/differs from the signed text/);
  });
});
