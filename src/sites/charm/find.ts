// GET /v2/charms/find (spec charmhub.md §3.2): the seeded charms and bundles whose name or summary
// contains `q` (all when it is absent), of the `type` asked for, each as an info document cut to
// the `fields` asked for. No match is an empty list.
import type { Reply } from '../site.js';
import type { ComposeCtx } from './compose.js';
import { selectFields } from './fields.js';
import { infoDocument } from './info.js';
import { jsonReply } from './json-reply.js';
import { namesPrefix } from './records.js';

export async function findLocal(ctx: ComposeCtx, ns: string, base: string, query: URLSearchParams): Promise<Reply> {
  const q = (query.get('q') ?? '').toLowerCase();
  const type = query.get('type');
  const results = [];
  for (const meta of ctx.list?.(ns, namesPrefix) ?? []) {
    const doc = await infoDocument(ctx, ns, base, meta.path.slice(namesPrefix.length), null);
    if (!doc || (type && doc.type !== type)) continue;
    const summary = String((doc.result as Record<string, unknown>).summary ?? '').toLowerCase();
    if (q && !String(doc.name).includes(q) && !summary.includes(q)) continue;
    delete doc['channel-map'];
    results.push(selectFields(doc, query.get('fields')));
  }
  return jsonReply(200, { results });
}
