// Shared data for charm site unit tests: a store holding the test catalogue (charm-records.ts), a
// SiteContext over it, and SiteRequests for the charmhub group as the request handler builds them.
import type { IncomingHttpHeaders } from 'node:http';
import { configSchema } from '../../../src/config/schema.js';
import type { SiteContext, SiteRequest, SiteSettings } from '../../../src/sites/site.js';
import { openStore, type Store } from '../../../src/store/store.js';
import { putCatalogue } from '../../helpers/charm-records.js';
import { storeContext } from '../../helpers/snap-records.js';
import { tempDir } from '../../helpers/tmp.js';

export const charmGroup = configSchema.parse({}).hostGroups.find((g) => g.name === 'charmhub')!;
export const NS = charmGroup.namespace;
export const BASE = 'https://api.charmhub.io';

export async function seeded(settings: Partial<SiteSettings> = {}): Promise<{ store: Store; ctx: SiteContext }> {
  const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
  await putCatalogue(store);
  const ctx = storeContext(store);
  return { store, ctx: { ...ctx, settings: { ...ctx.settings, ...settings } } };
}

export function charmRequest(method: string, pathAndQuery: string, opts: { headers?: IncomingHttpHeaders; body?: unknown } = {}): SiteRequest {
  const [path = '/', query = ''] = pathAndQuery.split('?');
  const req: SiteRequest = { method, host: 'api.charmhub.io', group: charmGroup, path, query, headers: opts.headers ?? {} };
  if (opts.body !== undefined) req.body = Buffer.isBuffer(opts.body) ? opts.body : Buffer.from(JSON.stringify(opts.body));
  return req;
}

export const parse = (body: string | Buffer): Record<string, any> => JSON.parse(body.toString()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
