// Any path under the host group, served byte for byte from the store: GET and HEAD only.
import type { Reply, Site, SiteAnswer, SiteRequest } from '../site.js';

export const genericSite: Site = {
  name: 'generic',

  answer(req: SiteRequest): SiteAnswer {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return { kind: 'reply', status: 405, headers: { allow: 'GET, HEAD', 'content-type': 'text/plain' }, body: 'Method Not Allowed\n' };
    }
    return { kind: 'object', ns: req.group.namespace, path: req.path };
  },

  notFound(): Reply {
    return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found\n' };
  },
};
