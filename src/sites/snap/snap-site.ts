// The snap store site: api.snapcraft.io answered from seeded snaps so snapd keeps its default
// store URL (spec snap-store.md; routes and their sections: routes.ts). API calls are composed
// from the site's records (records.ts) offline, and asked upstream first where the policy allows
// (online); blobs are objects in the store. Nothing here is ever a 5xx for "not cached".
import type { ApiAnswer, Reply, Site, SiteAnswer, SiteContext, SiteRequest } from '../site.js';
import { requestArch } from './arch.js';
import { assertionFromUpstream, assertionLocal } from './assertions.js';
import { blobAnswer } from './blobs.js';
import { categoriesReply, deviceAuthReply, namesReply, sectionsReply } from './catalog.js';
import { findLocal } from './find.js';
import { infoLocal } from './info.js';
import { errorList, notFoundReply } from './json-reply.js';
import { listingFromUpstream } from './online-listing.js';
import { refreshFromUpstream } from './online-refresh.js';
import { refreshLocal } from './refresh.js';
import { methodsOf, routeOf } from './routes.js';
import { upstreamCall } from './upstream-call.js';

export const snapSite: Site = {
  name: 'snap',

  async answer(req: SiteRequest, ctx: SiteContext): Promise<SiteAnswer> {
    const apiHost = req.host === new URL(req.group.upstream).hostname;
    const r = routeOf(req.path, apiHost);
    if (r.route === 'none') return { kind: 'reply', ...notFoundReply(req.path) };
    const allowed = methodsOf(r.route);
    if (!allowed.includes(req.method)) return { kind: 'reply', ...errorList(405, 'method-not-allowed', `${req.method} is not allowed here`), headers: { 'content-type': 'application/json', allow: allowed.join(', ') } };
    const ns = req.group.namespace;
    const base = req.group.upstream;
    const query = new URLSearchParams(req.query);
    switch (r.route) {
      case 'blob':
        return blobAnswer(req, ctx, r.id, r.revision);
      case 'refresh':
        return api(req, () => refreshLocal(req, ctx), (res) => refreshFromUpstream(req, ctx, res));
      case 'info': {
        const arch = query.get('architecture') ?? undefined;
        return api(req, () => infoLocal(ctx, ns, base, r.name, arch), (res) => listingFromUpstream(res, base, undefined));
      }
      case 'find':
        return api(req, () => findLocal(ctx, ns, base, query, requestArch(req.headers, query)), (res) => listingFromUpstream(res, base, undefined));
      case 'assertion':
        return api(req, () => assertionLocal(ctx, ns, req.path, query), (res) => assertionFromUpstream(ctx, ns, req.path, res));
      case 'device-auth':
        return api(req, deviceAuthReply, (res) => ({ reply: { status: res.status, headers: { 'content-type': res.headers['content-type'] ?? 'application/json' }, body: res.body } }));
      case 'sections':
        return { kind: 'reply', ...sectionsReply() };
      case 'names':
        return { kind: 'reply', ...namesReply() };
      case 'categories':
        return { kind: 'reply', ...categoriesReply() };
    }
  },

  notFound(req: SiteRequest): Reply {
    return notFoundReply(req.path);
  },
};

function api(req: SiteRequest, local: ApiAnswer['local'], fromUpstream: ApiAnswer['fromUpstream']): ApiAnswer {
  return { kind: 'api', upstream: upstreamCall(req), local, fromUpstream };
}

