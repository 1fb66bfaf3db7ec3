// The `snap` object of a refresh result or channel-map entry, composed from a revision record: the
// download URL always on api.snapcraft.io (the appliance, by DNS; spec §7), no deltas, and no
// media, because newer snapd hangs on unreachable icon URLs (spec §7.5).
import type { Json, JsonObject, RevisionRecord } from './records.js';

const defaults: JsonObject = {
  type: 'app',
  confinement: 'strict',
  epoch: { read: [0], write: [0] },
  prices: {},
  private: false,
};

export function downloadUrl(base: string, id: string, revision: number): string {
  return `${base.replace(/\/$/, '')}/api/v1/snaps/download/${id}_${revision}.snap`;
}

export function composeSnap(rec: RevisionRecord, base: string): JsonObject {
  const { download } = rec;
  return {
    ...defaults,
    ...rec,
    download: { url: downloadUrl(base, rec['snap-id'], rec.revision), size: download.size, 'sha3-384': download['sha3-384'], deltas: [] },
    media: [],
  };
}

/** A snap object from upstream made safe to pass on: our download URL, no deltas, no media. */
export function localiseSnap(snap: JsonObject, base: string): JsonObject {
  const out: JsonObject = { ...snap };
  const dl = snap.download;
  const id = snap['snap-id'];
  const rev = snap.revision;
  if (isObject(dl) && typeof id === 'string' && typeof rev === 'number') {
    out.download = { ...dl, url: downloadUrl(base, id, rev), deltas: [] };
  }
  if ('media' in out) out.media = [];
  return out;
}

export function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
