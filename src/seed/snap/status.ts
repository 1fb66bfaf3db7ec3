// What snapd could install from the cache, per snap: each seeded channel with its revision,
// version and architectures, and whether it is complete (blob and snap-revision stored, so an
// install gets past download and verification) — read from the snap site's own records.
import { hexToBase64url } from '../../sites/snap/digest.js';
import { ASSERTIONS_PREFIX } from '../../sites/snap/primary-key.js';
import { channelOfPath, channelsPrefix, isChannelRecord, isNameRecord, isRevisionRecord, namesPrefix, revisionPath, blobPath, type Json } from '../../sites/snap/records.js';
import type { Store } from '../../store/store.js';
import { channelRecords, storedJson } from '../channel-records.js';

export interface SnapChannelStatus {
  name: string;
  channel: string;
  revision: number;
  version: string;
  architectures: string[];
  complete: boolean;
}

export interface SnapsStatus {
  ns: string;
  snaps: SnapChannelStatus[];
}

const layout = { namesPrefix, channelsPrefix, channelOfPath, isNameRecord, isChannelRecord };

export async function snapsStatus(store: Store, namespaces: ReadonlySet<string>): Promise<SnapsStatus[]> {
  const out: SnapsStatus[] = [];
  for (const ns of namespaces) {
    const rows = new Map<string, SnapChannelStatus>();
    for await (const { name: rec, where, channel: ch } of channelRecords(store, ns, layout)) {
      const key = `${rec.name} ${where.channel} ${ch.revision}`;
      const row = rows.get(key) ?? (await row0(store, ns, rec['snap-id'], rec.name, where.channel, ch.revision));
      row.architectures.push(where.arch);
      rows.set(key, row);
    }
    if (rows.size > 0) out.push({ ns, snaps: [...rows.values()].sort((a, b) => a.name.localeCompare(b.name) || a.channel.localeCompare(b.channel)) });
  }
  return out;
}

async function row0(store: Store, ns: string, id: string, name: string, channel: string, revision: number): Promise<SnapChannelStatus> {
  const rm = store.lookup(ns, revisionPath(id, revision));
  const rev = rm ? ((await storedJson(store, rm)) as Json | undefined) : undefined;
  let complete = false;
  let version = '-';
  if (isRevisionRecord(rev)) {
    version = typeof rev.version === 'string' ? rev.version : '-';
    const blob = store.lookup(ns, blobPath(id, revision));
    complete = blob?.size === rev.download.size && store.lookup(ns, `${ASSERTIONS_PREFIX}snap-revision/${hexToBase64url(rev.download['sha3-384'])}`) !== undefined;
  }
  return { name, channel, revision, version, architectures: [], complete };
}
