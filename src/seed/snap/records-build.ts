// The snap site's records (sites/snap/records.ts) built from what a seed or an import learned:
// the store's `snap` object becomes a revision record (download URL, deltas and media dropped),
// snap-level fields a name record, and each channel a channel record.
import { channelPath, isRevisionRecord, namePath, RECORD_TYPE, recordBytes, revisionPath, type JsonObject, type RevisionRecord } from '../../sites/snap/records.js';
import type { ComposedSpec } from '../sections/section.js';

const snapLevel = ['title', 'summary', 'description', 'publisher', 'license', 'website', 'contact', 'store-url', 'links', 'common-ids'];

/** The revision record of a store `snap` object; undefined when it lacks what one needs. */
export function revisionRecordOf(snap: JsonObject): RevisionRecord | undefined {
  const dl = typeof snap.download === 'object' && snap.download !== null && !Array.isArray(snap.download) ? snap.download : {};
  const rec: JsonObject = { ...snap, download: { size: dl.size ?? null, 'sha3-384': dl['sha3-384'] ?? null } };
  delete rec.media;
  return isRevisionRecord(rec) ? rec : undefined;
}

export interface ChannelFact {
  arch: string;
  /** track/risk[/branch] */
  channel: string;
  revision: number;
  releasedAt?: string | undefined;
}

/** Every record of one snap: each revision's, the name's (snap-level fields from `info`, else the newest revision), each channel's. */
export function recordSpecs(ns: string, revs: readonly RevisionRecord[], defaultTrack: string, info: JsonObject, channels: readonly ChannelFact[]): ComposedSpec[] {
  const newest = [...revs].sort((a, b) => b.revision - a.revision)[0]!;
  const snap: JsonObject = {};
  for (const k of snapLevel) {
    const v = info[k] ?? newest[k];
    if (v !== undefined) snap[k] = v;
  }
  const out: ComposedSpec[] = revs.map((rev) => ({ ns, path: revisionPath(rev['snap-id'], rev.revision), bytes: recordBytes(rev), contentType: RECORD_TYPE }));
  out.push({ ns, path: namePath(newest.name), bytes: recordBytes({ name: newest.name, 'snap-id': newest['snap-id'], 'default-track': defaultTrack, snap }), contentType: RECORD_TYPE });
  for (const c of channels) {
    out.push({ ns, path: channelPath(newest.name, c.arch, c.channel), bytes: recordBytes({ revision: c.revision, ...(c.releasedAt ? { 'released-at': c.releasedAt } : {}) }), contentType: RECORD_TYPE });
  }
  return out;
}
