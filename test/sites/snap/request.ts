// A SiteRequest for the snap-store group, as the request handler builds it.
import type { IncomingHttpHeaders } from 'node:http';
import { configSchema } from '../../../src/config/schema.js';
import type { SiteRequest } from '../../../src/sites/site.js';

export const snapGroup = configSchema.parse({}).hostGroups.find((g) => g.name === 'snap-store')!;

export function snapRequest(method: string, pathAndQuery: string, opts: { headers?: IncomingHttpHeaders; body?: unknown; host?: string } = {}): SiteRequest {
  const [path = '/', query = ''] = pathAndQuery.split('?');
  const req: SiteRequest = { method, host: opts.host ?? 'api.snapcraft.io', group: snapGroup, path, query, headers: opts.headers ?? {} };
  if (opts.body !== undefined) req.body = Buffer.isBuffer(opts.body) ? opts.body : Buffer.from(JSON.stringify(opts.body));
  return req;
}

/** The fields list snapd 2.57.6 sends with every action request (spec §5.1). */
export const fields = ['architectures', 'base', 'confinement', 'contact', 'created-at', 'description', 'download', 'epoch', 'license', 'name', 'prices', 'private', 'publisher', 'revision', 'snap-id', 'snap-yaml', 'summary', 'title', 'type', 'version', 'website', 'store-url', 'media', 'common-ids'];
