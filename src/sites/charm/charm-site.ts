// The Charmhub site: api.charmhub.io answered from seeded charms and bundles so Juju deploys with
// its default charmhub-url (spec charmhub.md; routes and their sections: routes.ts). API calls are
// composed from the site's records (records.ts) offline, and asked upstream first where the policy
// allows (online); blobs are objects in the store. Every JSON answer is exactly application/json.
import type { ApiAnswer, Reply, Site, SiteAnswer, SiteContext, SiteRequest } from '../site.js';
import { blobAnswer } from './blobs.js';
import { findLocal } from './find.js';
import { infoLocal } from './info.js';
import { errorList, notFoundReply } from './json-reply.js';
import { infoFromUpstream, passOnUpstream, refreshFromUpstream, resourcesFromUpstream } from './online.js';
import { refreshLocal } from './refresh.js';
import { resourceRevisionsLocal } from './resources.js';
import { methodsOf, routeOf } from './routes.js';

const passHeaders = ['accept', 'content-type', 'user-agent'];

function upstreamCall(req: SiteRequest): ApiAnswer['upstream'] {
  const headers: Record<string, string> = {};
  for (const k of passHeaders) {
    const v = req.headers[k];
    if (typeof v === 'string') headers[k] = v;
  }
  return { method: req.method, path: req.path, query: req.query, headers, body: req.body };
}

function api(req: SiteRequest, local: ApiAnswer['local'], fromUpstream: ApiAnswer['fromUpstream']): ApiAnswer {
  return { kind: 'api', upstream: upstreamCall(req), local, fromUpstream };
}

export const charmSite: Site = {
  name: 'charm',

  async answer(req: SiteRequest, ctx: SiteContext): Promise<SiteAnswer> {
    const r = routeOf(req.path);
    if (r.route === 'none') return { kind: 'reply', ...notFoundReply(req.path) };
    const allowed = methodsOf(r.route);
    if (!allowed.includes(req.method)) {
      const reply = errorList(405, 'method-not-allowed', `${req.method} is not allowed here`);
      return { kind: 'reply', ...reply, headers: { ...reply.headers, allow: allowed.join(', ') } };
    }
    const ns = req.group.namespace;
    const base = req.group.upstream.replace(/\/$/, '');
    const query = new URLSearchParams(req.query);
    switch (r.route) {
      case 'blob':
        return blobAnswer(req, ctx, r.ref);
      case 'refresh':
        return api(req, () => refreshLocal(req, ctx), (res) => refreshFromUpstream(req, ctx, res));
      case 'info':
        return api(req, () => infoLocal(ctx, ns, base, r.name, query), (res) => infoFromUpstream(req, ctx, res));
      case 'find':
        return api(req, () => findLocal(ctx, ns, base, query), passOnUpstream);
      case 'resource-revisions':
        return api(req, () => resourceRevisionsLocal(ctx, ns, base, r.charm, r.resource), (res) => resourcesFromUpstream(req, ctx, r.charm, res));
    }
  },

  notFound(req: SiteRequest): Reply {
    return notFoundReply(req.path);
  },
};
