import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { itemsOf, products } from '../../../src/sites/images/items.js';
import { parseIndex, parseProducts } from '../../../src/sites/images/stream-docs.js';
import { readSignedSet, verifiedText, type ReadOptions } from '../../../src/seed/images/signed-set.js';
import { imagesFixture, type StreamFixture } from '../../helpers/images-stream.js';

const fixtures = new URL('../../../../shared/fixtures/', import.meta.url).pathname;
const cloudImages = join(fixtures, 'simplestreams/cloud-images/releases');
const cloudKeyring = join(fixtures, 'keyrings/ubuntu-cloudimage-keyring.gpg');
const wrongKeyring = join(fixtures, 'keyrings/ubuntu-keyring-2012-cdimage.gpg');

let fx: StreamFixture;
beforeAll(() => {
  fx = imagesFixture({ versions: ['20250805'] });
});

const over = (root: string, keyring: string): ReadOptions => ({ keyrings: [keyring], read: async (rel) => readFileSync(join(root, rel)), name: (rel) => join(root, rel), code: 'AGC_ERR_SEED' });

describe('readSignedSet', () => {
  it('verifies the index and every products file it lists, and parses what gpgv returns', async () => {
    const set = await readSignedSet(over(fx.root, fx.key.keyring));
    expect(set.index.entries.map((e) => e.path)).toEqual(['streams/v1/com.ubuntu.maas:stable:v3:download.sjson', 'streams/v1/com.ubuntu.maas:stable:1:bootloader-download.sjson']);
    expect(set.products.map((p) => p.doc.contentId)).toEqual(['com.ubuntu.maas:stable:v3:download', 'com.ubuntu.maas:stable:1:bootloader-download']);
    expect(set.indexText.startsWith('{')).toBe(true);
  });

  it('a keyring that did not sign it: AGC_ERR_SIGNATURE', async () => {
    await expect(readSignedSet(over(fx.root, wrongKeyring))).rejects.toMatchObject({ code: 'AGC_ERR_SIGNATURE', message: expect.stringMatching(/index\.sjson: signature not valid/) });
  });

  it('a products file changed after signing: AGC_ERR_SIGNATURE naming it', async () => {
    const rel = 'streams/v1/com.ubuntu.maas:stable:1:bootloader-download.sjson';
    const read = async (r: string) => {
      const b = readFileSync(join(fx.root, r));
      return r === rel ? Buffer.from(b.toString().replace('"size": 30000', '"size": 30001')) : b;
    };
    await expect(readSignedSet({ ...over(fx.root, fx.key.keyring), read })).rejects.toMatchObject({ code: 'AGC_ERR_SIGNATURE', message: expect.stringContaining('bootloader-download.sjson') });
  });

  it('a missing keyring is named, with what to do', async () => {
    await expect(readSignedSet(over(fx.root, '/nonexistent/keyring.gpg'))).rejects.toThrow(/keyring \/nonexistent\/keyring\.gpg does not exist: install ubuntu-cloudimage-keyring/);
  });
});

describe('the real cloud-images stream (Canonical-signed)', () => {
  const read = async (rel: string) => readFileSync(join(cloudImages, rel));
  const opts = { keyrings: [cloudKeyring], read, name: (rel: string) => rel };

  it('verifies with ubuntu-cloudimage-keyring.gpg through gpgv and walks to its items', async () => {
    const index = parseIndex(await verifiedText('streams/v1/index.sjson', opts));
    const entry = index.entries.find((e) => e.contentId === 'com.ubuntu.cloud:released:download')!;
    expect(entry.path).toBe('streams/v1/com.ubuntu.cloud:released:download.sjson');
    const doc = parseProducts(await verifiedText(entry.path, opts));
    const [name, xenial] = products(doc).find(([n]) => n === 'com.ubuntu.cloud:server:16.04:amd64')!;
    const disk = [...itemsOf(doc, name, xenial)].filter((i) => i.data.ftype === 'disk1.img');
    expect(disk.length).toBeGreaterThan(0);
    expect(disk[0]).toMatchObject({ data: { release: 'xenial', arch: 'amd64', os: 'ubuntu' }, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(disk[0]!.size).toBeGreaterThan(100_000_000);
  });

  it('does not verify with another Canonical key, nor with one byte changed', async () => {
    await expect(verifiedText('streams/v1/index.sjson', { ...opts, keyrings: [wrongKeyring] })).rejects.toMatchObject({ code: 'AGC_ERR_SIGNATURE' });
    const changed = async () => Buffer.from(readFileSync(join(cloudImages, 'streams/v1/index.sjson'), 'utf8').replace('"format": "products:1.0"', '"format": "products:1.1"'));
    await expect(verifiedText('streams/v1/index.sjson', { ...opts, read: changed })).rejects.toMatchObject({ code: 'AGC_ERR_SIGNATURE', message: expect.stringMatching(/BAD signature/) });
  });
});
