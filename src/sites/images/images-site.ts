// The images.maas.io site: signed simplestreams metadata and the items it lists, from the store.
// Routes and their spec sections: routes.ts. A miss is the policy's to decide (offline: this 404,
// which simplestreams and MAAS read as "not there"; online: one shared upstream fill).
import type { Reply, Site, SiteAnswer, SiteContext, SiteRequest } from '../site.js';
import { itemDigest } from './catalog.js';
import { routeOf } from './routes.js';

/**
 * How long a stored metadata file counts as current where fills are allowed (online mode): MAAS
 * polls hourly, so a newer upstream set shows within minutes. Offline it is served however old.
 */
export const METADATA_FRESH_MS = 5 * 60_000;

const notFound: Reply = { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Not Found\n' };

export const imagesSite: Site = {
  name: 'images',

  async answer(req: SiteRequest, ctx: SiteContext): Promise<SiteAnswer> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return { kind: 'reply', status: 405, headers: { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }, body: 'Method Not Allowed\n' };
    }
    const object = { kind: 'object' as const, ns: req.group.namespace, path: req.path };
    if (routeOf(req.path) === 'metadata') return { ...object, revalidateAfterMs: METADATA_FRESH_MS };
    // A fill must bring the bytes the stream's products file lists; a corrupt download is dropped.
    const want = await itemDigest(ctx, object.ns, object.path);
    return want ? { ...object, expectedSha256: want.sha256, expectedSize: want.size } : object;
  },

  notFound(): Reply {
    return notFound;
  },
};
