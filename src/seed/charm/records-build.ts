// The charm site's records (sites/charm/records.ts) built from Charmhub's own answers: the info
// answer gives the name record (type, id, default track, `result`), each refresh entity a revision
// record and its resource records, and each channel resolved for a base a channel record. Only
// what was actually fetched is recorded, so every record points at bytes the bundle holds.
import {
  channelRecordFile, isBase, isDigests, isRfc3339, nameRecordFiles, resourceRecordFile, revisionRecordFile,
  type Base, type ChannelRecord, type JsonObject, type RecordFile, type ResourceRecord, type ResourceRef, type RevisionRecord,
} from '../../sites/charm/records.js';
import { isObject } from '../store-api.js';

export const ALL_BASE: Base = { architecture: 'all', name: 'all', channel: 'all' };

/** The name record's fields from an info answer; undefined when it lacks type, id or name. */
export function nameFromInfo(info: JsonObject, defaultTrack: string) {
  const type = info.type;
  if ((type !== 'charm' && type !== 'bundle') || typeof info.id !== 'string' || typeof info.name !== 'string') return undefined;
  const result: JsonObject = isObject(info.result) ? { ...info.result } : {};
  // Juju decodes publisher as map[string]string: anything else is dropped rather than served.
  if (isObject(result.publisher)) result.publisher = Object.fromEntries(Object.entries(result.publisher).filter(([, v]) => typeof v === 'string'));
  else delete result.publisher;
  return { type, id: info.id, name: info.name, 'default-track': defaultTrack, result } as const;
}

/** The default track: the info's default release's track, else `latest`. */
export function defaultTrackOf(info: JsonObject): string {
  const dr = isObject(info['default-release']) && isObject(info['default-release'].channel) ? info['default-release'].channel : undefined;
  return dr && typeof dr.track === 'string' && dr.track !== '' ? dr.track : 'latest';
}

export function resourceRecordOf(r: JsonObject): ResourceRecord | undefined {
  const dl = isObject(r.download) ? { size: r.download.size, 'hash-sha-256': r.download['hash-sha-256'], 'hash-sha-384': r.download['hash-sha-384'] } : undefined;
  if (typeof r.name !== 'string' || (r.type !== 'file' && r.type !== 'oci-image') || !Number.isSafeInteger(r.revision) || !isDigests(dl)) return undefined;
  return { name: r.name, type: r.type, revision: r.revision as number, filename: typeof r.filename === 'string' ? r.filename : '', description: typeof r.description === 'string' ? r.description : '', ...(isRfc3339(r['created-at']) ? { 'created-at': r['created-at'] } : {}), download: dl };
}

/** A refresh `charm` object as a revision record; undefined when it lacks revision, bases or digests. */
export function revisionOf(charm: JsonObject, bundleYaml?: string): RevisionRecord | undefined {
  const dl = isObject(charm.download) ? { size: charm.download.size, 'hash-sha-256': charm.download['hash-sha-256'], 'hash-sha-384': charm.download['hash-sha-384'] } : undefined;
  const bases = Array.isArray(charm.bases) ? (charm.bases as unknown[]).filter(isBase).map((b) => ({ architecture: b.architecture, name: b.name, channel: b.channel })) : [];
  if (!Number.isSafeInteger(charm.revision) || !isDigests(dl)) return undefined;
  const rec: RevisionRecord = { revision: charm.revision as number, version: typeof charm.version === 'string' ? charm.version : String(charm.revision), bases, download: dl, resources: resourceRefs(charm) };
  if (isRfc3339(charm['created-at'])) rec['created-at'] = charm['created-at'];
  for (const k of ['metadata-yaml', 'config-yaml', 'actions-yaml'] as const) if (typeof charm[k] === 'string') rec[k] = charm[k];
  if (bundleYaml !== undefined) rec['bundle-yaml'] = bundleYaml;
  return rec;
}

export function resourceRefs(charm: JsonObject): ResourceRef[] {
  return (Array.isArray(charm.resources) ? charm.resources : []).filter(isObject).flatMap((r) => (typeof r.name === 'string' && Number.isSafeInteger(r.revision) ? [{ name: r.name, revision: r.revision as number }] : []));
}

/** Everything learnt about the charms and bundles of one seed or import, merged, then written as records. */
export class CharmRecords {
  private readonly names = new Map<string, ReturnType<typeof nameFromInfo> & object>();
  private readonly revisions = new Map<string, { id: string; rec: RevisionRecord }>();
  private readonly channels = new Map<string, { name: string; base: Base; channel: string; rec: ChannelRecord }>();
  private readonly resources = new Map<string, { id: string; rec: ResourceRecord }>();

  addName(rec: NonNullable<ReturnType<typeof nameFromInfo>>): void {
    if (!this.names.has(rec.name)) this.names.set(rec.name, rec);
  }

  /** A revision seen twice keeps the answer that named its resources (a channel's, not a bare revision's). */
  addRevision(id: string, rec: RevisionRecord): void {
    const key = `${id}/${rec.revision}`;
    const have = this.revisions.get(key);
    if (!have || have.rec.resources.length < rec.resources.length) this.revisions.set(key, { id, rec });
  }

  addChannel(name: string, base: Base, channel: string, rec: ChannelRecord): void {
    this.channels.set(`${name} ${base.architecture}/${base.name}/${base.channel} ${channel}`, { name, base, channel, rec });
  }

  addResource(id: string, rec: ResourceRecord): void {
    this.resources.set(`${id}/${rec.name}/${rec.revision}`, { id, rec });
  }

  /** All records, in a stable order so the same answers make the same bundle. */
  files(): RecordFile[] {
    const sorted = <T>(m: Map<string, T>) => [...m].sort(([a], [b]) => a.localeCompare(b)).map(([, v]) => v);
    return [
      ...sorted(this.names).flatMap((n) => nameRecordFiles(n)),
      ...sorted(this.revisions).map((r) => revisionRecordFile(r.id, r.rec)),
      ...sorted(this.channels).map((c) => channelRecordFile(c.name, c.base, c.channel, c.rec)),
      ...sorted(this.resources).map((r) => resourceRecordFile(r.id, r.rec)),
    ];
  }
}
