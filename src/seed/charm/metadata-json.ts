// What an Enterprise Store export's metadata.json tells about one charm revision. Its schema is
// not published (spec charmhub.md §8, §12); it is read as what it most likely holds — Charmhub
// info and refresh payloads — and only facts found there in Charmhub's own shapes are taken: the
// id (an object with this name and a 32-character id), type, info `result`, default track,
// channel-map entries of this revision, a refresh `charm` object of this revision with its
// effective channel, and resource descriptions. Nothing is inferred beyond them.
import { charmId, isBase, isRfc3339, type Base, type JsonObject } from '../../sites/charm/records.js';
import { isObject } from '../store-api.js';
import { fullChannel, parseChannel } from './channel.js';

export interface ExportFacts {
  id?: string | undefined;
  type?: 'charm' | 'bundle' | undefined;
  result?: JsonObject | undefined;
  defaultTrack?: string | undefined;
  version?: string | undefined;
  createdAt?: string | undefined;
  /** Digests Charmhub gave for this revision, to compare with the bytes. */
  sha256?: string | undefined;
  sha384?: string | undefined;
  channels: { channel: string; base: Base; releasedAt?: string | undefined }[];
  resources: Map<string, { type: 'file' | 'oci-image'; filename: string; description: string }>;
}

const MAX_DEPTH = 6;

export function exportFacts(doc: unknown, name: string, revision: number): ExportFacts {
  const f: ExportFacts = { channels: [], resources: new Map() };
  const seen: JsonObject[] = [];
  const walk = (v: unknown, depth: number) => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (isObject(v)) {
      seen.push(v);
      for (const x of Object.values(v)) walk(x, depth + 1);
    }
  };
  walk(doc, 0);
  for (const o of seen) {
    if (o.name === name && typeof o.id === 'string' && charmId.test(o.id)) {
      f.id ??= o.id;
      if (o.type === 'charm' || o.type === 'bundle') f.type ??= o.type;
      if (isObject(o.result)) f.result ??= o.result;
      const dr = isObject(o['default-release']) && isObject(o['default-release'].channel) ? o['default-release'].channel : undefined;
      if (dr && typeof dr.track === 'string' && dr.track) f.defaultTrack ??= dr.track;
    }
    if (typeof o.name === 'string' && (o.type === 'file' || o.type === 'oci-image')) {
      f.resources.set(o.name, { type: o.type, filename: typeof o.filename === 'string' ? o.filename : '', description: typeof o.description === 'string' ? o.description : '' });
    }
  }
  for (const o of seen) {
    // channel-map entry: {channel: {name, track, risk, base, released-at}, revision: {revision, …}}
    if (isObject(o.channel) && isObject(o.revision) && o.revision.revision === revision) {
      takeRevision(f, o.revision);
      const c = o.channel;
      const p = typeof c.name === 'string' ? parseChannel(c.name) : undefined;
      if (p && isBase(c.base)) f.channels.push({ channel: fullChannel(p.track ? p : { ...p, track: typeof c.track === 'string' ? c.track : '' }, f.defaultTrack ?? 'latest'), base: pickBase(c.base), releasedAt: isRfc3339(c['released-at']) ? c['released-at'] : undefined });
    }
    // refresh result: {effective-channel, charm: {revision, bases, download, …}}
    if (isObject(o.charm) && o.charm.revision === revision) {
      takeRevision(f, o.charm);
      const p = typeof o['effective-channel'] === 'string' ? parseChannel(o['effective-channel']) : undefined;
      const bases = Array.isArray(o.charm.bases) ? (o.charm.bases as unknown[]).filter(isBase) : [];
      if (p) for (const b of bases) f.channels.push({ channel: fullChannel(p, f.defaultTrack ?? 'latest'), base: pickBase(b), releasedAt: isRfc3339(o['released-at']) ? o['released-at'] : undefined });
    }
  }
  f.channels = f.channels.filter((c, i) => f.channels.findIndex((x) => x.channel === c.channel && JSON.stringify(x.base) === JSON.stringify(c.base)) === i);
  return f;
}

function pickBase(b: Base): Base {
  return { architecture: b.architecture, name: b.name, channel: b.channel };
}

function takeRevision(f: ExportFacts, r: JsonObject): void {
  if (typeof r.version === 'string') f.version ??= r.version;
  if (isRfc3339(r['created-at'])) f.createdAt ??= r['created-at'];
  const dl = isObject(r.download) ? r.download : undefined;
  if (dl && typeof dl['hash-sha-256'] === 'string') f.sha256 ??= dl['hash-sha-256'];
  if (dl && typeof dl['hash-sha-384'] === 'string') f.sha384 ??= dl['hash-sha-384'];
}
