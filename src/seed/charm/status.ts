// What Juju could deploy from the cache, per charm and bundle: each seeded channel with its
// revision, version and bases, and whether it is complete (the archive stored with the size its
// record advertises, and every resource released with it stored too) — read from the charm
// site's own records.
import type { HostGroup } from '../../config/schema.js';
import {
  channelOfPath,
  channelsPrefix,
  charmBlobPath,
  isChannelRecord,
  isNameRecord,
  isResourceRecord,
  isRevisionRecord,
  namesPrefix,
  resourceBlobPath,
  resourcePath,
  revisionPath,
  type Base,
  type ResourceRef,
} from '../../sites/charm/records.js';
import type { Store } from '../../store/store.js';
import { channelRecords, storedJson } from '../channel-records.js';

export interface CharmChannelStatus {
  name: string;
  type: 'charm' | 'bundle';
  channel: string;
  revision: number;
  version: string;
  /** `ubuntu@22.04/amd64`; a bundle's is `all`. */
  bases: string[];
  /** The resources released with it, `NAME:REV`. */
  resources: string[];
  complete: boolean;
  /** What is missing when not complete. */
  missing: string[];
}

export interface CharmsStatus {
  ns: string;
  charms: CharmChannelStatus[];
}

export function charmNamespaces(groups: readonly HostGroup[]): Set<string> {
  return new Set(groups.filter((g) => g.site === 'charm').map((g) => g.namespace));
}

const baseName = (b: Base): string => (b.name === 'all' && b.channel === 'all' && b.architecture === 'all' ? 'all' : `${b.name}@${b.channel}/${b.architecture}`);

const layout = { namesPrefix, channelsPrefix, channelOfPath, isNameRecord, isChannelRecord };

export async function charmsStatus(store: Store, namespaces: ReadonlySet<string>): Promise<CharmsStatus[]> {
  const out: CharmsStatus[] = [];
  for (const ns of namespaces) {
    const rows = new Map<string, CharmChannelStatus>();
    for await (const { name: rec, where, channel: ch } of channelRecords(store, ns, layout)) {
      const key = `${rec.name} ${where.channel} ${ch.revision} ${JSON.stringify(ch.resources ?? null)}`;
      const row = rows.get(key) ?? (await row0(store, ns, rec.id, rec.name, rec.type, where.channel, ch.revision, ch.resources));
      const b = baseName(where.base);
      if (!row.bases.includes(b)) row.bases.push(b);
      rows.set(key, row);
    }
    if (rows.size > 0) out.push({ ns, charms: [...rows.values()].sort((a, b) => a.name.localeCompare(b.name) || a.channel.localeCompare(b.channel) || a.revision - b.revision) });
  }
  return out;
}

async function row0(store: Store, ns: string, id: string, name: string, type: 'charm' | 'bundle', channel: string, revision: number, released: ResourceRef[] | undefined): Promise<CharmChannelStatus> {
  const missing: string[] = [];
  const rm = store.lookup(ns, revisionPath(id, revision));
  const rev = rm ? await storedJson(store, rm) : undefined;
  let version = '-';
  let refs: ResourceRef[] = released ?? [];
  if (isRevisionRecord(rev)) {
    version = rev.version || '-';
    refs = released ?? rev.resources;
    const blob = store.lookup(ns, charmBlobPath(id, revision));
    if (!blob || blob.size !== rev.download.size || blob.sha256 !== rev.download['hash-sha-256']) missing.push(`archive r${revision}`);
  } else missing.push(`revision record r${revision}`);
  for (const r of refs) {
    const meta = store.lookup(ns, resourcePath(id, r.name, r.revision));
    const res = meta ? await storedJson(store, meta) : undefined;
    const blob = store.lookup(ns, resourceBlobPath(id, r.name, r.revision));
    if (!isResourceRecord(res) || !blob || blob.size !== res.download.size || blob.sha256 !== res.download['hash-sha-256']) missing.push(`resource ${r.name}:${r.revision}`);
  }
  return { name, type, channel, revision, version, bases: [], resources: refs.map((r) => `${r.name}:${r.revision}`), complete: missing.length === 0, missing };
}
