// Which seeded revision answers an install, download or refresh (spec charmhub.md §3.3 "Error-driven
// base selection", §11.4): by revision, or by channel on a base. An unknown base (`NA`, null) is
// `invalid-charm-base` with the seeded bases of that channel, newest LTS first, so Juju retries
// with one; a channel with nothing for the base is `revision-not-found` listing every seeded
// release with concrete bases. Bundles have no base and match any.
import { baseMatches, isUnknownBase, sortBases } from './bases.js';
import { releasesOf, type Ctx, type Release } from './catalog.js';
import { channelName, fallbackChannels, parseChannel } from './channel.js';
import { readRecord } from './read-record.js';
import { isRevisionRecord, revisionPath, type Base, type NameRecord, type ResourceRef, type RevisionRecord } from './records.js';

export interface Want {
  channel?: string | undefined;
  revision?: number | undefined;
  base: Base | null;
  resourceRevisions?: ResourceRef[] | undefined;
}

export type Resolution =
  | { kind: 'found'; rev: RevisionRecord; resources: ResourceRef[]; effectiveChannel?: string; releasedAt?: string }
  | { kind: 'error'; code: string; message: string; extra: Record<string, unknown> };

/**
 * `extra.releases`. Charmhub names the `latest` track's channels by their bare risk (LP 1986547;
 * Juju's composeSuggestions puts `latest/` back for display), and `juju download` retries only with
 * a release whose channel string equals the one it sent: so when the client named no track and the
 * default track is `latest`, those channels are spelled as a bare risk, otherwise in full.
 */
function releaseList(rs: Release[], bareLatest: boolean) {
  return rs.map((r) => ({ base: r.base, channel: bareLatest && r.channel.startsWith('latest/') ? r.channel.slice('latest/'.length) : r.channel }));
}

export async function resolve(ctx: Ctx, ns: string, name: NameRecord, want: Want): Promise<Resolution> {
  const releases = await releasesOf(ctx, ns, name.name);
  const asked = want.revision === undefined ? parseChannel(want.channel) : undefined;
  const bareLatest = asked !== undefined && asked.track === '' && name['default-track'] === 'latest';
  const notFound = (what: string): Resolution => ({
    kind: 'error',
    code: 'revision-not-found',
    message: `No revision of ${name.name} for ${what} is in this cache.`,
    extra: { releases: releaseList(releases, bareLatest) },
  });
  if (want.revision !== undefined) {
    const rev = await readRecord(ctx, ns, revisionPath(name.id, want.revision), isRevisionRecord);
    // Resources belong to channels: a revision install gets none unless it names them.
    return rev ? { kind: 'found', rev, resources: want.resourceRevisions ?? [] } : notFound(`revision ${want.revision}`);
  }
  const parsed = asked;
  if (!parsed) return { kind: 'error', code: 'invalid-channel', message: `Invalid channel ${JSON.stringify(want.channel)}.`, extra: {} };
  const channels = fallbackChannels(parsed, name['default-track']);
  const bundle = name.type === 'bundle';
  const arch = want.base?.architecture;
  if (!bundle && isUnknownBase(want.base)) {
    const concreteArch = arch !== undefined && arch !== 'NA' && arch !== 'all' ? arch : undefined;
    const archOk = (r: Release) => !concreteArch || r.base.architecture === concreteArch || r.base.architecture === 'all';
    // Only the bases the channel has: Juju retries with the first one and a channel with nothing
    // for the architecture is revision-not-found at once, as Charmhub answers it, so Juju prints
    // "available releases" instead of failing its retry. Juju keeps only default-bases whose
    // architecture equals the one it asked for, so an `all` architecture is named as asked.
    const inChannel = releases.filter((r) => channels.includes(r.channel) && archOk(r));
    const bases = sortBases(inChannel.map((r) => (concreteArch && r.base.architecture === 'all' ? { ...r.base, architecture: concreteArch } : r.base)));
    if (bases.length === 0) return notFound(`channel ${channels[0]} on ${arch ?? 'any architecture'}`);
    return { kind: 'error', code: 'invalid-charm-base', message: 'Invalid base: give one of the default bases.', extra: { 'default-bases': bases } };
  }
  for (const ch of channels) {
    const hits = releases.filter((r) => r.channel === ch && (bundle || baseMatches(r.base, want.base!)));
    const best = hits.sort((a, b) => b.record.revision - a.record.revision)[0];
    if (!best) continue;
    const rev = await readRecord(ctx, ns, revisionPath(name.id, best.record.revision), isRevisionRecord);
    if (!rev) continue;
    const found: Resolution = { kind: 'found', rev, resources: best.record.resources ?? rev.resources, effectiveChannel: ch };
    if (best.record['released-at']) found.releasedAt = best.record['released-at'];
    return found;
  }
  const where = want.base && !bundle ? ` on ${want.base.name}@${want.base.channel}/${want.base.architecture}` : '';
  return notFound(`channel ${channelName(parsed, name['default-track'])}${where}`);
}
