// GET /v2/charms/resources/CHARM/RESOURCE/revisions (spec charmhub.md §3.4): every seeded revision
// of one resource, newest first (Juju records revisions[0] when a pinned revision is listed).
import type { Reply } from '../site.js';
import { nameRecord } from './catalog.js';
import { composeResource, type ComposeCtx } from './compose.js';
import { errorList, jsonReply } from './json-reply.js';
import { readListed } from './read-record.js';
import { isResourceRecord, resourcesPrefix } from './records.js';

export async function resourceRevisionsLocal(ctx: ComposeCtx, ns: string, base: string, charm: string, resource: string): Promise<Reply> {
  const rec = await nameRecord(ctx, ns, charm);
  const revisions = [];
  for (const meta of rec ? (ctx.list?.(ns, resourcesPrefix(rec.id, resource)) ?? []) : []) {
    const r = await readListed(ctx, meta, isResourceRecord);
    if (r && r.name === resource) revisions.push(r);
  }
  if (!rec || revisions.length === 0) return errorList(404, 'not-found', `No resource ${JSON.stringify(resource)} of ${JSON.stringify(charm)} is in this cache.`);
  revisions.sort((a, b) => b.revision - a.revision);
  const out = [];
  for (const r of revisions) out.push(await composeResource(ctx, ns, base, rec.id, r));
  return jsonReply(200, { revisions: out });
}
