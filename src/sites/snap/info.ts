// GET /v2/snaps/info/NAME?architecture=…&fields=… composed from the cache (spec §6.1): the snap's
// own fields and a channel-map of every seeded track/risk whose revision is stored, for the
// architecture asked (all of them when none is). The default track's stable comes first, because
// snapd fills the snap's fields from the first entry. Nothing servable is a 404, as upstream.
import type { Reply, SiteContext } from '../site.js';
import { risks } from './channel.js';
import { errorList, jsonReply } from './json-reply.js';
import { isNameRecord, namePath, readRecord, type JsonObject } from './records.js';
import { channelMap, servable } from './resolve.js';
import { composeSnap } from './snap-json.js';

type Ctx = Pick<SiteContext, 'lookup' | 'read' | 'list'>;

export async function infoLocal(ctx: Ctx, ns: string, base: string, name: string, arch: string | undefined): Promise<Reply> {
  const rec = await readRecord(ctx, ns, namePath(name), isNameRecord);
  const notFound = errorList(404, 'resource-not-found', `No snap named '${name}' found in series '16'.`);
  if (!rec) return notFound;
  const entries: (JsonObject & { channel: { architecture: string; name: string; track: string; risk: string; 'released-at': string } })[] = [];
  for (const c of await channelMap(ctx, ns, name)) {
    const [track = '', risk = ''] = c.channel.split('/');
    if ((arch && c.arch !== arch) || c.channel.split('/').length !== 2) continue;
    const snap = await servable(ctx, ns, rec['snap-id'], c.revision, c.arch);
    if (!snap) continue;
    const channel = { architecture: c.arch, name: track === 'latest' ? risk : c.channel, track, risk, 'released-at': c.releasedAt ?? new Date(0).toISOString() };
    entries.push({ ...composeSnap(snap, base), channel });
  }
  if (entries.length === 0) return notFound;
  const rank = (e: (typeof entries)[number]): number => (e.channel.track === rec['default-track'] ? 0 : 100) + risks.indexOf(e.channel.risk as (typeof risks)[number]);
  entries.sort((a, b) => rank(a) - rank(b) || a.channel.track.localeCompare(b.channel.track) || a.channel.architecture.localeCompare(b.channel.architecture));
  return jsonReply(200, { name: rec.name, 'snap-id': rec['snap-id'], 'default-track': rec['default-track'], snap: { ...rec.snap, name: rec.name, 'snap-id': rec['snap-id'], media: [] }, 'channel-map': entries });
}
