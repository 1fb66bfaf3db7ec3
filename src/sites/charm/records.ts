// What the charm site knows beside blobs: small JSON records in the `charmhub` namespace, at paths
// no request maps to (`/@charm/…`; the site routes only Charmhub URLs). A seed, an import or an
// online answer writes them; the site composes every API answer from them (spec charmhub.md §3).
// One record per fact, so imports merge: the newer record of the same fact wins, others stay.
//
//   /@charm/names/NAME        NameRecord     { type, id, name, default-track, result: info `result` fields }
//   /@charm/ids/ID            IdRecord       { id, name }: deployed models refresh by id only
//   /@charm/revisions/ID/REV  RevisionRecord the refresh `charm` / info `revision` object of one revision:
//                                            revision, version, created-at, bases, download {size,
//                                            hash-sha-256, hash-sha-384} (no url: composed when served),
//                                            metadata-yaml, config-yaml, actions-yaml, bundle-yaml
//                                            (bundles), resources [{name, revision}] it was released with
//   /@charm/channels/NAME/ARCH/BASENAME/BASECHANNEL/TRACK/RISK[/BRANCH]
//                             ChannelRecord  { revision, released-at?, resources?: [{name, revision}] }
//                                            (bundles use all/all/all as arch and base)
//   /@charm/resources/ID/RESOURCE/REV
//                             ResourceRecord { name, type file|oci-image, revision, filename, description,
//                                            created-at?, download {size, hash-sha-256, hash-sha-384} }
//
// Blobs (served byte for byte, with the size and digests their records give):
//   /api/v1/charms/download/ID_REV.charm             charm and bundle archives
//   /api/v1/resources/download/charm_ID.RESOURCE_REV resources (for oci-image: the small JSON document)
//
// The builders below are pure (record → { path, bytes }) so the seeder, import and online answers
// write exactly what the site reads; each refuses a record the site would not accept.

export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export interface Base {
  architecture: string;
  name: string;
  channel: string;
}

export interface ResourceRef {
  name: string;
  revision: number;
}

export interface NameRecord {
  type: 'charm' | 'bundle';
  id: string;
  name: string;
  /** Where a bare risk (`stable`) points: Charmhub's default-release track, e.g. `14` for postgresql. */
  'default-track': string;
  /** The info `result` object: summary, description, license, publisher (strings), categories, store-url, contains-charms, … */
  result: JsonObject;
}

export interface IdRecord {
  id: string;
  name: string;
}

export interface Digests {
  size: number;
  'hash-sha-256': string;
  'hash-sha-384': string;
}

export interface RevisionRecord {
  revision: number;
  version: string;
  'created-at'?: string;
  bases: Base[];
  download: Digests;
  'metadata-yaml'?: string;
  'config-yaml'?: string;
  'actions-yaml'?: string;
  'bundle-yaml'?: string;
  /** The resource revisions this charm revision was released with (a channel record may name others). */
  resources: ResourceRef[];
}

export interface ChannelRecord {
  revision: number;
  'released-at'?: string;
  /** The resource revisions released to this channel with the charm; absent: the revision record's. */
  resources?: ResourceRef[];
}

export interface ResourceRecord {
  name: string;
  type: 'file' | 'oci-image';
  revision: number;
  filename: string;
  description: string;
  'created-at'?: string;
  download: Digests;
}

export interface RecordFile {
  path: string;
  bytes: Buffer;
}

export const RECORD_TYPE = 'application/json';
export const RECORDS_PREFIX = '/@charm/';

export const charmName = /^[a-z0-9][a-z0-9-]{0,99}$/;
export const charmId = /^[A-Za-z0-9]{32}$/;
export const resourceName = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
const segment = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const hex = (n: number) => new RegExp(`^[0-9a-f]{${n}}$`);
const sha256Hex = hex(64);
const sha384Hex = hex(96);

export const namePath = (name: string): string => `/@charm/names/${name}`;
export const namesPrefix = '/@charm/names/';
export const idPath = (id: string): string => `/@charm/ids/${id}`;
export const revisionPath = (id: string, rev: number): string => `/@charm/revisions/${id}/${rev}`;
export const revisionsPrefix = (id: string): string => `/@charm/revisions/${id}/`;
export const channelsPrefix = (name: string): string => `/@charm/channels/${name}/`;
export const channelPath = (name: string, base: Base, channel: string): string =>
  `/@charm/channels/${name}/${base.architecture}/${base.name}/${base.channel}/${channel}`;
export const resourcePath = (id: string, resource: string, rev: number): string => `/@charm/resources/${id}/${resource}/${rev}`;
export const resourcesPrefix = (id: string, resource?: string): string => `/@charm/resources/${id}/${resource === undefined ? '' : `${resource}/`}`;
export const charmBlobPath = (id: string, rev: number): string => `/api/v1/charms/download/${id}_${rev}.charm`;
export const resourceBlobPath = (id: string, resource: string, rev: number): string => `/api/v1/resources/download/charm_${id}.${resource}_${rev}`;

/** Splits a channel record's path into its base and `track/risk[/branch]`. */
export function channelOfPath(name: string, path: string): { base: Base; channel: string } | undefined {
  if (!path.startsWith(channelsPrefix(name))) return undefined;
  const rest = path.slice(channelsPrefix(name).length).split('/');
  if (rest.length < 5 || rest.length > 6) return undefined;
  return { base: { architecture: rest[0]!, name: rest[1]!, channel: rest[2]! }, channel: rest.slice(3).join('/') };
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const isRevision = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const optString = (v: unknown) => v === undefined || typeof v === 'string';
const optTime = (v: unknown) => v === undefined || (typeof v === 'string' && rfc3339.test(v));

export const isRfc3339 = (v: unknown): v is string => typeof v === 'string' && rfc3339.test(v);

export function isBase(v: unknown): v is Base {
  return isObject(v) && [v.architecture, v.name, v.channel].every((s) => typeof s === 'string' && segment.test(s));
}

export function isDigests(v: unknown): v is Digests {
  return isObject(v) && Number.isSafeInteger(v.size) && (v.size as number) >= 0 && sha256Hex.test(String(v['hash-sha-256'])) && sha384Hex.test(String(v['hash-sha-384']));
}

function isResourceRefs(v: unknown): v is ResourceRef[] {
  return Array.isArray(v) && v.every((r) => isObject(r) && typeof r.name === 'string' && resourceName.test(r.name) && isRevision(r.revision));
}

export function isNameRecord(v: unknown): v is NameRecord {
  if (!isObject(v) || (v.type !== 'charm' && v.type !== 'bundle')) return false;
  if (typeof v.id !== 'string' || !charmId.test(v.id) || typeof v.name !== 'string' || !charmName.test(v.name)) return false;
  if (typeof v['default-track'] !== 'string' || !segment.test(v['default-track']) || !isObject(v.result)) return false;
  // Juju decodes `publisher` as map[string]string.
  const pub = v.result.publisher;
  return pub === undefined || (isObject(pub) && Object.values(pub).every((x) => typeof x === 'string'));
}

export function isIdRecord(v: unknown): v is IdRecord {
  return isObject(v) && typeof v.id === 'string' && charmId.test(v.id) && typeof v.name === 'string' && charmName.test(v.name);
}

export function isRevisionRecord(v: unknown): v is RevisionRecord {
  return (
    isObject(v) &&
    isRevision(v.revision) &&
    typeof v.version === 'string' &&
    optTime(v['created-at']) &&
    Array.isArray(v.bases) &&
    v.bases.every(isBase) &&
    isDigests(v.download) &&
    ['metadata-yaml', 'config-yaml', 'actions-yaml', 'bundle-yaml'].every((k) => optString(v[k])) &&
    isResourceRefs(v.resources)
  );
}

export function isChannelRecord(v: unknown): v is ChannelRecord {
  return isObject(v) && isRevision(v.revision) && optTime(v['released-at']) && (v.resources === undefined || isResourceRefs(v.resources));
}

export function isResourceRecord(v: unknown): v is ResourceRecord {
  return (
    isObject(v) &&
    typeof v.name === 'string' &&
    resourceName.test(v.name) &&
    (v.type === 'file' || v.type === 'oci-image') &&
    isRevision(v.revision) &&
    typeof v.filename === 'string' &&
    typeof v.description === 'string' &&
    optTime(v['created-at']) &&
    isDigests(v.download)
  );
}

export const recordBytes = (doc: object): Buffer => Buffer.from(`${JSON.stringify(doc)}\n`);

function build<T>(what: string, rec: T, ok: (v: unknown) => v is T, path: string): RecordFile {
  if (!ok(rec)) throw new TypeError(`not a valid charm ${what} record for ${path}: ${JSON.stringify(rec).slice(0, 300)}`);
  return { path, bytes: recordBytes(rec as object) };
}

/** The name record and the id → name record of a charm or bundle. */
export function nameRecordFiles(rec: NameRecord): RecordFile[] {
  return [build('name', rec, isNameRecord, namePath(rec.name)), build('id', { id: rec.id, name: rec.name }, isIdRecord, idPath(rec.id))];
}

export function revisionRecordFile(id: string, rec: RevisionRecord): RecordFile {
  if (!charmId.test(id)) throw new TypeError(`not a Charmhub id: ${JSON.stringify(id)}`);
  return build('revision', rec, isRevisionRecord, revisionPath(id, rec.revision));
}

/** `channel` is `track/risk[/branch]` with the track spelled out (never a bare risk). */
export function channelRecordFile(name: string, base: Base, channel: string, rec: ChannelRecord): RecordFile {
  const parts = channel.split('/');
  if (!charmName.test(name) || !isBase(base) || parts.length < 2 || parts.length > 3 || !parts.every((p) => segment.test(p))) {
    throw new TypeError(`not a channel record path: ${name} ${JSON.stringify(base)} ${channel}`);
  }
  return build('channel', rec, isChannelRecord, channelPath(name, base, channel));
}

export function resourceRecordFile(id: string, rec: ResourceRecord): RecordFile {
  if (!charmId.test(id)) throw new TypeError(`not a Charmhub id: ${JSON.stringify(id)}`);
  return build('resource', rec, isResourceRecord, resourcePath(id, rec.name, rec.revision));
}
