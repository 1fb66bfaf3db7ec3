import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/schema.js';
import { METADATA_FRESH_MS, imagesSite } from '../../../src/sites/images/images-site.js';
import type { SiteRequest } from '../../../src/sites/site.js';
import { defaultSiteSettings, type SiteContext } from '../../../src/sites/site.js';

const noStore: SiteContext = { settings: defaultSiteSettings, lookup: () => undefined, read: () => Promise.reject(new Error('no store')) };

const group = configSchema.parse({}).hostGroups.find((g) => g.name === 'maas-images')!;
const req = (path: string, method = 'GET'): SiteRequest => ({ method, host: 'images.maas.io', group, path, query: '', headers: {} });

describe('images site', () => {
  it('is the site of the default maas-images group', () => {
    expect(group.site).toBe('images');
  });

  it('answers metadata from the store, revalidated where fills are allowed', () => {
    expect(imagesSite.answer(req('/ephemeral-v3/stable/streams/v1/index.sjson'), noStore)).toEqual({ kind: 'object', ns: 'maas-images', path: '/ephemeral-v3/stable/streams/v1/index.sjson', revalidateAfterMs: METADATA_FRESH_MS });
  });

  it('answers items from the store as immutable objects, HEAD too', () => {
    expect(imagesSite.answer(req('/ephemeral-v3/stable/noble/amd64/20250805/squashfs', 'HEAD'), noStore)).toEqual({ kind: 'object', ns: 'maas-images', path: '/ephemeral-v3/stable/noble/amd64/20250805/squashfs' });
  });

  it('refuses other methods and says 404 for what is not there', () => {
    expect(imagesSite.answer(req('/x', 'POST'), noStore)).toMatchObject({ kind: 'reply', status: 405, headers: { allow: 'GET, HEAD' } });
    expect(imagesSite.notFound(req('/x'))).toMatchObject({ status: 404, body: 'Not Found\n' });
  });
});
