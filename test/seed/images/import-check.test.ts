import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/schema.js';
import type { BundleObject } from '../../../src/seed/bundle/format.js';
import { imagesImportCheck, imagesNamespaces } from '../../../src/seed/images/import-check.js';
import { imagesFixture, type StreamFixture } from '../../helpers/images-stream.js';
import { tempDir } from '../../helpers/tmp.js';

let fx: StreamFixture;
beforeAll(() => {
  fx = imagesFixture({ versions: ['20250805'], squashfsBytes: 2000 });
});

const wrongKeyring = new URL('../../../../shared/fixtures/keyrings/ubuntu-cloudimage-keyring.gpg', import.meta.url).pathname;
const V1 = 'streams/v1/';
const meta = ['index.sjson', 'index.json', 'com.ubuntu.maas:stable:v3:download.sjson', 'com.ubuntu.maas:stable:1:bootloader-download.sjson'].map((f) => V1 + f);

/** Bundle objects for files of the stream (optionally with other bytes), and where their payloads are. */
function bundle(rels: string[], replace: Record<string, Buffer> = {}, ns = 'maas-images') {
  const dir = tempDir();
  const objects: BundleObject[] = rels.map((rel) => {
    const body = replace[rel] ?? readFileSync(join(fx.root, rel));
    const sha256 = createHash('sha256').update(body).digest('hex');
    writeFileSync(join(dir, sha256), body);
    return { ns, path: `/ephemeral-v3/stable/${rel}`, sha256, size: body.length, contentType: 'application/octet-stream', lastModified: 1, fetchedAt: 1, digests: {} };
  });
  return { objects, blobFile: (sha: string) => join(dir, sha) };
}

const check = (keyring = fx.key.keyring) => imagesImportCheck([keyring], new Set(['maas-images']));

describe('images import check', () => {
  it('passes a seed bundle: signed metadata, an identical twin, listed items with their hashes', async () => {
    const b = bundle([...meta, 'noble/amd64/20250805/squashfs', 'bootloaders/pxe/i386/20210819.0/syslinux.tar.xz']);
    await expect(check()(b.objects, b.blobFile)).resolves.toBeUndefined();
  });

  it('refuses metadata the keyring did not sign', async () => {
    const b = bundle(meta);
    await expect(check(wrongKeyring)(b.objects, b.blobFile)).rejects.toMatchObject({ code: 'AGC_ERR_SIGNATURE', message: expect.stringContaining('maas-images:/ephemeral-v3/stable/streams/v1/index.sjson') });
  });

  it('refuses an item whose bytes are not what its signed products file says', async () => {
    const rel = 'noble/amd64/20250805/squashfs';
    const body = readFileSync(join(fx.root, rel));
    body[10]! ^= 0xff;
    const b = bundle([...meta, rel], { [rel]: body });
    await expect(check()(b.objects, b.blobFile)).rejects.toMatchObject({ code: 'AGC_ERR_BUNDLE', message: expect.stringMatching(/squashfs has sha256 [0-9a-f]{64}; .*v3:download\.sjson says [0-9a-f]{64}; the bundle is refused/) });
  });

  it('refuses an unsigned .json without its .sjson, or one that differs from it', async () => {
    const alone = bundle([V1 + 'com.ubuntu.maas:stable:v3:download.json']);
    await expect(check()(alone.objects, alone.blobFile)).rejects.toThrow(/unsigned metadata that comes without its signed \.sjson/);
    const changed = bundle([...meta], { [V1 + 'index.json']: Buffer.from('{"format":"index:1.0","index":{}}') });
    await expect(check()(changed.objects, changed.blobFile)).rejects.toThrow(/index\.json differs from its signed \.sjson/);
  });

  it('leaves other namespaces and unlisted items alone, and needs no keyring when no metadata comes', async () => {
    const other = bundle([V1 + 'index.sjson'], {}, 'elsewhere');
    await expect(imagesImportCheck(['/nonexistent.gpg'], new Set(['maas-images']))(other.objects, other.blobFile)).resolves.toBeUndefined();
    const items = bundle(['noble/amd64/20250805/squashfs']);
    await expect(imagesImportCheck(['/nonexistent.gpg'], new Set(['maas-images']))(items.objects, items.blobFile)).resolves.toBeUndefined();
  });

  it('checks the namespaces of the groups whose site is images', () => {
    expect(imagesNamespaces(configSchema.parse({}).hostGroups)).toEqual(new Set(['maas-images']));
  });
});
