// Which seeded revision answers a request for a snap (by name or snap-id) on an architecture, as
// the store decides it (spec §5.2): a revision pin names it; otherwise the channel (default track
// for a bare risk) is looked up along its fallback chain in what was recorded at seeding time.
// Only revisions whose blob is stored count: the cache never announces what it cannot serve.
import type { SiteContext } from '../site.js';
import { fallbackChain, parseChannel } from './channel.js';
import {
  blobPath,
  channelOfPath,
  channelsPrefix,
  isChannelRecord,
  isNameRecord,
  isRevisionRecord,
  namePath,
  readListed,
  readRecord,
  revisionPath,
  revisionsPrefix,
  type NameRecord,
  type RevisionRecord,
} from './records.js';

export interface Release {
  architecture: string;
  channel: string;
}

export type Resolution =
  | { kind: 'found'; name: NameRecord; snap: RevisionRecord; effectiveChannel: string | undefined }
  | { kind: 'unknown' }
  | { kind: 'not-available'; name: NameRecord; releases: Release[] };

export interface Wanted {
  arch: string;
  channel?: string | undefined;
  revision?: number | undefined;
}

type Ctx = Pick<SiteContext, 'lookup' | 'read' | 'list'>;

export async function resolveName(ctx: Ctx, ns: string, name: string, want: Wanted): Promise<Resolution> {
  const rec = await readRecord(ctx, ns, namePath(name), isNameRecord);
  if (!rec) return { kind: 'unknown' };
  return resolveRecord(ctx, ns, rec, want);
}

/** The name record of a snap-id, found through any of its seeded revisions. */
export async function nameOfId(ctx: Ctx, ns: string, id: string): Promise<NameRecord | undefined> {
  for (const meta of ctx.list?.(ns, revisionsPrefix(id)) ?? []) {
    const rev = await readListed(ctx, meta, isRevisionRecord);
    if (!rev) continue;
    const rec = await readRecord(ctx, ns, namePath(rev.name), isNameRecord);
    if (rec && rec['snap-id'] === id) return rec;
  }
  return undefined;
}

export async function resolveRecord(ctx: Ctx, ns: string, rec: NameRecord, want: Wanted): Promise<Resolution> {
  const channels = await channelMap(ctx, ns, rec.name);
  const mine = channels.filter((c) => c.arch === want.arch);
  if (want.revision !== undefined) {
    const snap = await servable(ctx, ns, rec['snap-id'], want.revision, want.arch);
    const holding = mine.filter((c) => c.revision === want.revision).sort((a, b) => a.channel.split('/').length - b.channel.split('/').length);
    if (snap) return { kind: 'found', name: rec, snap, effectiveChannel: holding[0]?.channel };
    return { kind: 'not-available', name: rec, releases: await releases(ctx, ns, rec, channels) };
  }
  const ch = parseChannel(want.channel);
  if (ch) {
    for (const name of fallbackChain(ch, rec['default-track'])) {
      const hit = mine.find((c) => c.channel === name);
      if (!hit) continue;
      const snap = await servable(ctx, ns, rec['snap-id'], hit.revision, want.arch);
      if (snap) return { kind: 'found', name: rec, snap, effectiveChannel: name };
      break;
    }
  }
  return { kind: 'not-available', name: rec, releases: await releases(ctx, ns, rec, channels) };
}

export interface ChannelEntry {
  arch: string;
  channel: string;
  revision: number;
  releasedAt: string | undefined;
}

/** Every channel recorded for a snap, on every architecture. */
export async function channelMap(ctx: Ctx, ns: string, name: string): Promise<ChannelEntry[]> {
  const out: ChannelEntry[] = [];
  for (const meta of ctx.list?.(ns, channelsPrefix(name)) ?? []) {
    const where = channelOfPath(name, meta.path);
    const rec = where && (await readListed(ctx, meta, isChannelRecord));
    if (where && rec) out.push({ ...where, revision: rec.revision, releasedAt: rec['released-at'] });
  }
  return out;
}

/** A revision's record when its blob is stored and it runs on this architecture. */
export async function servable(ctx: Ctx, ns: string, id: string, revision: number, arch: string): Promise<RevisionRecord | undefined> {
  const snap = await readRecord(ctx, ns, revisionPath(id, revision), isRevisionRecord);
  if (!snap || snap['snap-id'] !== id || snap.revision !== revision) return undefined;
  if (!snap.architectures.includes(arch) && !snap.architectures.includes('all')) return undefined;
  const blob = ctx.lookup(ns, blobPath(id, revision));
  return blob && blob.size === snap.download.size ? snap : undefined;
}

/** Where the snap can be had from the cache: the error's `extra.releases`. */
async function releases(ctx: Ctx, ns: string, rec: NameRecord, channels: ChannelEntry[]): Promise<Release[]> {
  const out: Release[] = [];
  for (const c of channels) {
    if (c.channel.split('/').length !== 2) continue;
    if (await servable(ctx, ns, rec['snap-id'], c.revision, c.arch)) out.push({ architecture: c.arch, channel: c.channel });
  }
  return out;
}
