import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/schema.js';
import { METADATA_FRESH_MS, imagesSite } from '../../../src/sites/images/images-site.js';
import type { SiteRequest } from '../../../src/sites/site.js';
import { defaultSiteSettings, type SiteContext } from '../../../src/sites/site.js';
import type { ObjectMeta } from '../../../src/store/types.js';
import { imagesFixture } from '../../helpers/images-stream.js';

const noStore: SiteContext = { settings: defaultSiteSettings, lookup: () => undefined, read: () => Promise.reject(new Error('no store')) };

const group = configSchema.parse({}).hostGroups.find((g) => g.name === 'maas-images')!;
const req = (path: string, method = 'GET'): SiteRequest => ({ method, host: 'images.maas.io', group, path, query: '', headers: {} });

describe('images site', () => {
  it('is the site of the default maas-images group', () => {
    expect(group.site).toBe('images');
  });

  it('answers metadata from the store, revalidated where fills are allowed', async () => {
    expect(await imagesSite.answer(req('/ephemeral-v3/stable/streams/v1/index.sjson'), noStore)).toEqual({ kind: 'object', ns: 'maas-images', path: '/ephemeral-v3/stable/streams/v1/index.sjson', revalidateAfterMs: METADATA_FRESH_MS });
  });

  it('answers items from the store as immutable objects, HEAD too (no stored stream lists them: nothing expected)', async () => {
    expect(await imagesSite.answer(req('/ephemeral-v3/stable/noble/amd64/20250805/squashfs', 'HEAD'), noStore)).toEqual({ kind: 'object', ns: 'maas-images', path: '/ephemeral-v3/stable/noble/amd64/20250805/squashfs' });
  });

  it('refuses other methods and says 404 for what is not there', async () => {
    expect(await imagesSite.answer(req('/x', 'POST'), noStore)).toMatchObject({ kind: 'reply', status: 405, headers: { allow: 'GET, HEAD' } });
    expect(imagesSite.notFound(req('/x'))).toMatchObject({ status: 404, body: 'Not Found\n' });
  });
});

describe('images site, items a stored stream lists', () => {
  it('carries the sha256 and size the products file gives, so a fill must bring exactly those bytes', async () => {
    const fx = imagesFixture({ versions: ['20250805'], squashfsBytes: 1000 });
    const files = new Map<string, Buffer>();
    for (const rel of ['index.sjson', 'com.ubuntu.maas:stable:v3:download.sjson', 'com.ubuntu.maas:stable:1:bootloader-download.sjson']) files.set(`/ephemeral-v3/stable/streams/v1/${rel}`, readFileSync(join(fx.root, 'streams/v1', rel)));
    const meta = (path: string): ObjectMeta => ({ ns: 'maas-images', path, sha256: createHash('sha256').update(files.get(path)!).digest('hex'), size: 0, contentType: '', lastModified: 0, etag: '', digests: {}, source: '', storedAt: 0 });
    const ctx: SiteContext = { settings: defaultSiteSettings, lookup: (_ns, path) => (files.has(path) ? meta(path) : undefined), read: async (m) => files.get(m.path)! };
    const item = fx.items.find((i) => i.path === 'jammy/amd64/20250805/squashfs')!;
    expect(await imagesSite.answer(req(`/ephemeral-v3/stable/${item.path}`), ctx)).toEqual({ kind: 'object', ns: 'maas-images', path: `/ephemeral-v3/stable/${item.path}`, expectedSha256: item.sha256, expectedSize: item.size });
  });
});
