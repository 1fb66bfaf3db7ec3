import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStream, type StreamConfig } from '../../../src/seed/images/stream-seed.js';
import { parseFilters } from '../../../src/sites/images/filters.js';
import { fakeSectionContext } from '../../helpers/fake-section-context.js';
import { imagesFixture, type StreamFixture } from '../../helpers/images-stream.js';
import { StaticUpstream } from '../../helpers/static-upstream.js';
import { tempDir } from '../../helpers/tmp.js';

let fx: StreamFixture;
let upstream: StaticUpstream;
let port: number;
beforeAll(async () => {
  fx = imagesFixture({ versions: ['20250701', '20250805'], squashfsBytes: 5000 });
  upstream = new StaticUpstream(fx.www);
  port = await upstream.listen(0, '127.0.0.1');
});
afterAll(() => upstream.close());

const STREAM = 'http://images.maas.io/ephemeral-v3/stable/';
const config = (filters: string[], extra: Partial<StreamConfig> = {}): StreamConfig => ({ stream: STREAM, keyring: fx.key.keyring, filters: parseFilters(filters), max: 1, bootloaders: true, ...extra });

describe('seedStream', () => {
  it('carries the signed index, every products file, their identical .json twins, and the chosen items at their store paths', async () => {
    const ctx = fakeSectionContext(port, tempDir());
    const r = await seedStream(config(['arch=amd64', 'release=noble']), ctx, 'images[0]');
    const paths = r.objects.map((o) => o.path);
    for (const f of ['index.sjson', 'index.json', 'com.ubuntu.maas:stable:v3:download.sjson', 'com.ubuntu.maas:stable:v3:download.json', 'com.ubuntu.maas:stable:1:bootloader-download.sjson', 'com.ubuntu.maas:stable:1:bootloader-download.json']) {
      expect(paths).toContain(`/ephemeral-v3/stable/streams/v1/${f}`);
    }
    expect(paths).toContain('/ephemeral-v3/stable/noble/amd64/20250805/squashfs');
    expect(paths).toContain('/ephemeral-v3/stable/bootloaders/uefi/arm64/20210819.0/grub2.tar.xz');
    expect(paths.some((p) => p.includes('/jammy/') || p.includes('/arm64/2025') || p.includes('20250701'))).toBe(false);
    expect(r.objects.every((o) => o.ns === 'maas-images')).toBe(true);
    const squash = fx.items.find((i) => i.path === 'noble/amd64/20250805/squashfs')!;
    expect(r.objects.find((o) => o.path.endsWith('noble/amd64/20250805/squashfs'))).toMatchObject({ sha256: squash.sha256, size: squash.size });
    expect(r.requested).toEqual({ section: 'images', item: `${STREAM} arch=amd64 release=noble max=1 +bootloaders`, objects: r.objects.map((o) => [o.ns, o.path]) });
  });

  it('a manifest that selects nothing is an error listing the products the filters saw', async () => {
    const ctx = fakeSectionContext(port, tempDir());
    const err = (await seedStream(config(['release=bionic']), ctx, 'images[0]').catch((e: unknown) => e)) as Error & { code: string };
    expect(err).toMatchObject({ code: 'AGC_ERR_MANIFEST' });
    expect(err.message).toMatch(/images\[0\]: http:\/\/images\.maas\.io\/ephemeral-v3\/stable\/: the filters release=bionic \(max 1, bootloaders\) match no item; the stream has these 11 products:/);
    expect(err.message).toContain('\n  com.ubuntu.maas.stable:v3:boot:22.04:arm64:hwe-22.04 (os=ubuntu release=jammy arch=arm64 subarch=hwe-22.04 label=stable)');
    expect(ctx.fetched.filter((u) => !u.includes('/streams/v1/'))).toEqual([]);
  });

  it('refuses a stream its keyring did not sign, before any item is fetched', async () => {
    const ctx = fakeSectionContext(port, tempDir());
    const wrong = new URL('../../../../shared/fixtures/keyrings/ubuntu-cloudimage-keyring.gpg', import.meta.url).pathname;
    await expect(seedStream(config([], { keyring: wrong }), ctx, 'images[0]')).rejects.toMatchObject({ code: 'AGC_ERR_SIGNATURE' });
    expect(ctx.fetched.filter((u) => !u.includes('/streams/v1/'))).toEqual([]);
  });

  it('leaves out an unsigned twin that differs from its signed file, and one upstream lacks', async () => {
    const other = imagesFixture({ versions: ['20250805'], squashfsBytes: 1000, key: fx.key });
    writeFileSync(join(other.root, 'streams/v1/index.json'), '{"format": "index:1.0", "index": {}}\n');
    rmSync(join(other.root, 'streams/v1/com.ubuntu.maas:stable:1:bootloader-download.json'));
    const up = new StaticUpstream(other.www);
    const p = await up.listen(0, '127.0.0.1');
    try {
      const r = await seedStream(config(['arch=amd64', 'release=noble', 'ftype=squashfs'], { bootloaders: false }), fakeSectionContext(p, tempDir()), 'images[0]');
      expect(r.objects.map((o) => o.path.split('/').pop()).sort()).toEqual(['com.ubuntu.maas:stable:1:bootloader-download.sjson', 'com.ubuntu.maas:stable:v3:download.json', 'com.ubuntu.maas:stable:v3:download.sjson', 'index.sjson', 'squashfs']);
    } finally {
      await up.close();
    }
  });
});
