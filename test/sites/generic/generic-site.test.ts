import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/schema.js';
import { genericSite } from '../../../src/sites/generic/generic-site.js';
import { defaultSiteSettings, type SiteContext, type SiteRequest } from '../../../src/sites/site.js';

const group = configSchema.parse({}).hostGroups.find((g) => g.name === 'charmhub')!;
const noStore: SiteContext = { settings: defaultSiteSettings, lookup: () => undefined, read: () => Promise.reject(new Error('no store')) };
const req = (method: string, path = '/x'): SiteRequest => ({ method, host: 'api.charmhub.io', group, path, query: '', headers: {} });

describe('generic site', () => {
  it('maps GET and HEAD to the object at the same path in the group namespace', () => {
    expect(genericSite.answer(req('GET', '/api/v1/charms/download/a_1.charm'), noStore)).toEqual({ kind: 'object', ns: 'charmhub', path: '/api/v1/charms/download/a_1.charm' });
    expect(genericSite.answer(req('HEAD'), noStore)).toMatchObject({ kind: 'object' });
  });
  it('answers other methods 405 with Allow', () => {
    expect(genericSite.answer(req('POST'), noStore)).toMatchObject({ kind: 'reply', status: 405, headers: { allow: 'GET, HEAD' } });
  });
  it('says not found with a plain 404', () => {
    expect(genericSite.notFound(req('GET'))).toMatchObject({ status: 404 });
  });
});
