// GET /v2/snaps/find composed from the cache (spec §6.2): `q=` matches the name, title or summary,
// `name=` the name (a trailing `*` makes it a prefix). Only snaps whose default channel resolves to
// a stored revision on the asked architecture are listed. Content-Type is exactly application/json,
// which snapd checks; categories and private searches find nothing here.
import type { Reply, SiteContext } from '../site.js';
import { jsonReply } from './json-reply.js';
import { isNameRecord, namesPrefix, readListed, type NameRecord } from './records.js';
import { resolveRecord } from './resolve.js';
import { composeSnap } from './snap-json.js';

type Ctx = Pick<SiteContext, 'lookup' | 'read' | 'list'>;

export async function findLocal(ctx: Ctx, ns: string, base: string, query: URLSearchParams, arch: string): Promise<Reply> {
  if (query.get('category') || query.get('private') === 'true') return jsonReply(200, { results: [] });
  const match = matcher(query);
  const results = [];
  for (const meta of ctx.list?.(ns, namesPrefix) ?? []) {
    const rec = await readListed(ctx, meta, isNameRecord);
    if (!rec || !match(rec)) continue;
    const r = await resolveRecord(ctx, ns, rec, { arch, channel: query.get('channel') ?? 'stable' });
    if (r.kind !== 'found') continue;
    const snap = composeSnap(r.snap, base);
    results.push({ name: rec.name, 'snap-id': rec['snap-id'], snap: { ...rec.snap, name: rec.name, 'snap-id': rec['snap-id'], media: [] }, revision: { ...snap, channel: r.effectiveChannel ?? 'stable' } });
  }
  return jsonReply(200, { results });
}

function matcher(query: URLSearchParams): (rec: NameRecord) => boolean {
  const name = query.get('name');
  if (name !== null) {
    const n = name.toLowerCase();
    return n.endsWith('*') ? (rec) => rec.name.startsWith(n.slice(0, -1)) : (rec) => rec.name === n;
  }
  const q = (query.get('q') ?? '').toLowerCase().trim();
  if (q === '') return () => true;
  const words = q.split(/\s+/);
  return (rec) => {
    const text = [rec.name, rec.snap.title, rec.snap.summary].filter((s) => typeof s === 'string').join(' ').toLowerCase();
    return words.every((w) => text.includes(w));
  };
}
