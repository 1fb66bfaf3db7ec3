import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { itemDigest } from '../../../src/sites/images/catalog.js';
import { defaultSiteSettings, type SiteContext } from '../../../src/sites/site.js';
import type { ObjectMeta } from '../../../src/store/types.js';
import { imagesFixture, type StreamFixture } from '../../helpers/images-stream.js';

let fx: StreamFixture;
beforeAll(() => {
  fx = imagesFixture({ versions: ['20250805'], squashfsBytes: 1000 });
});

/** A store holding the stream's metadata files under `prefix`, as a site sees it. */
function ctxWith(prefix: string, files: Record<string, Buffer>): SiteContext & { reads: number } {
  const byPath = new Map<string, { meta: ObjectMeta; body: Buffer }>();
  for (const [rel, body] of Object.entries(files)) {
    const sha256 = createHash('sha256').update(body).digest('hex');
    byPath.set(prefix + rel, { meta: { ns: 'maas-images', path: prefix + rel, sha256, size: body.length, contentType: 'text/plain', lastModified: 0, etag: '', digests: {}, source: 't', storedAt: 0 }, body });
  }
  const ctx = {
    reads: 0,
    settings: defaultSiteSettings,
    lookup: (ns: string, path: string) => (ns === 'maas-images' ? byPath.get(path)?.meta : undefined),
    read: async (meta: ObjectMeta) => {
      ctx.reads += 1;
      return byPath.get(meta.path)!.body;
    },
  };
  return ctx;
}

const metadata = () => Object.fromEntries(['streams/v1/index.sjson', 'streams/v1/com.ubuntu.maas:stable:v3:download.sjson', 'streams/v1/com.ubuntu.maas:stable:1:bootloader-download.sjson'].map((rel) => [rel, readFileSync(join(fx.root, rel))]));

describe('itemDigest', () => {
  it('finds the stream root above the item and the sha256 and size its products file lists', async () => {
    const ctx = ctxWith('/ephemeral-v3/stable/', metadata());
    const squash = fx.items.find((i) => i.path === 'noble/arm64/20250805/squashfs')!;
    expect(await itemDigest(ctx, 'maas-images', '/ephemeral-v3/stable/noble/arm64/20250805/squashfs')).toEqual({ sha256: squash.sha256, size: squash.size });
    const grub = fx.items.find((i) => i.path.endsWith('grub2-signed.tar.xz'))!;
    expect(await itemDigest(ctx, 'maas-images', `/ephemeral-v3/stable/${grub.path}`)).toEqual({ sha256: grub.sha256, size: grub.size });
  });

  it('parses each products file once, however many items are asked for', async () => {
    const ctx = ctxWith('/a/', metadata());
    for (const i of fx.items.slice(0, 10)) await itemDigest(ctx, 'maas-images', `/a/${i.path}`);
    expect(ctx.reads).toBeLessThanOrEqual(3);
  });

  it('nothing to expect: an unlisted path, no stream above it, another namespace, or metadata that is not simplestreams', async () => {
    const ctx = ctxWith('/ephemeral-v3/stable/', metadata());
    expect(await itemDigest(ctx, 'maas-images', '/ephemeral-v3/stable/noble/amd64/20200101/squashfs')).toBeUndefined();
    expect(await itemDigest(ctx, 'maas-images', '/elsewhere/noble/amd64/20250805/squashfs')).toBeUndefined();
    expect(await itemDigest(ctx, 'other', '/ephemeral-v3/stable/noble/amd64/20250805/squashfs')).toBeUndefined();
    const junk = ctxWith('/j/', { 'streams/v1/index.sjson': Buffer.from('not signed') });
    expect(await itemDigest(junk, 'maas-images', '/j/noble/amd64/20250805/squashfs')).toBeUndefined();
  });
});
