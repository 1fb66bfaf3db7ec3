// What the snap site knows beside blobs and assertions: small JSON records in its namespace, at
// paths no request maps to (the site routes only store URLs). A seed, an import or an online
// answer writes them; the site composes every API answer from them. One record per fact, so
// imports merge: the newer record of the same fact wins, others stay.
//
//   /@snap/names/NAME                          { name, snap-id, default-track, snap: {title, summary, publisher, …} }
//   /@snap/revisions/SNAPID/REV                the store's `snap` object for that revision (download: size + sha3-384)
//   /@snap/channels/NAME/ARCH/TRACK/RISK[/BR]  { revision, released-at }: what that channel held when seeded
import { LRUCache } from 'lru-cache';
import type { ObjectMeta } from '../../store/types.js';
import type { SiteContext } from '../site.js';
import { isSha3Hex } from './digest.js';

export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export interface NameRecord {
  name: string;
  'snap-id': string;
  'default-track': string;
  /** Snap-level fields shown by `snap info` (title, summary, description, publisher, license, …). */
  snap: JsonObject;
}

/** The store's `snap` object for one revision; download.url is composed when served. */
export interface RevisionRecord extends JsonObject {
  name: string;
  'snap-id': string;
  revision: number;
  architectures: string[];
  download: { size: number; 'sha3-384': string };
}

export interface ChannelRecord {
  revision: number;
  'released-at'?: string;
}

export const RECORD_TYPE = 'application/json';
export const RECORDS_PREFIX = '/@snap/';

export const snapName = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
export const snapId = /^[A-Za-z0-9]{32}$/;
export const archName = /^[a-z0-9][a-z0-9_-]*$/;

export const namePath = (name: string): string => `/@snap/names/${name}`;
export const namesPrefix = '/@snap/names/';
export const revisionPath = (id: string, rev: number): string => `/@snap/revisions/${id}/${rev}`;
export const revisionsPrefix = (id: string): string => `/@snap/revisions/${id}/`;
export const channelsPrefix = (name: string): string => `/@snap/channels/${name}/`;
export const channelPath = (name: string, arch: string, channel: string): string => `/@snap/channels/${name}/${arch}/${channel}`;
export const blobPath = (id: string, rev: number): string => `/api/v1/snaps/download/${id}_${rev}.snap`;

/** Splits a channel record's path into architecture and `track/risk[/branch]`. */
export function channelOfPath(name: string, path: string): { arch: string; channel: string } | undefined {
  const rest = path.slice(channelsPrefix(name).length).split('/');
  if (rest.length < 3 || rest.length > 4) return undefined;
  return { arch: rest[0]!, channel: rest.slice(1).join('/') };
}

const parsed = new LRUCache<string, { doc: Json }>({ max: 4096 });

async function readJson(ctx: Pick<SiteContext, 'read'>, meta: ObjectMeta): Promise<Json | undefined> {
  const hit = parsed.get(meta.sha256);
  if (hit !== undefined) return hit.doc;
  try {
    const doc = JSON.parse((await ctx.read(meta)).toString('utf8')) as Json;
    parsed.set(meta.sha256, { doc });
    return doc;
  } catch {
    return undefined;
  }
}

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export function isNameRecord(v: Json | undefined): v is NameRecord & JsonObject {
  return isObject(v) && typeof v.name === 'string' && typeof v['snap-id'] === 'string' && typeof v['default-track'] === 'string' && isObject(v.snap);
}

export function isRevisionRecord(v: Json | undefined): v is RevisionRecord {
  if (!isObject(v) || !isObject(v.download)) return false;
  const arches = v.architectures;
  return (
    typeof v.name === 'string' &&
    typeof v['snap-id'] === 'string' &&
    Number.isSafeInteger(v.revision) &&
    (v.revision as number) > 0 &&
    Array.isArray(arches) &&
    arches.length > 0 &&
    arches.every((a) => typeof a === 'string') &&
    Number.isSafeInteger(v.download.size) &&
    isSha3Hex(v.download['sha3-384'])
  );
}

export function isChannelRecord(v: Json | undefined): v is ChannelRecord & JsonObject {
  return isObject(v) && Number.isSafeInteger(v.revision) && (v.revision as number) > 0;
}

type Reader = Pick<SiteContext, 'read' | 'lookup'>;

export async function readRecord<T>(ctx: Reader, ns: string, path: string, is: (v: Json | undefined) => v is T & Json): Promise<T | undefined> {
  const meta = ctx.lookup(ns, path);
  if (!meta) return undefined;
  const doc = await readJson(ctx, meta);
  return is(doc) ? doc : undefined;
}

/** The record behind a listed entry. */
export async function readListed<T>(ctx: Pick<SiteContext, 'read'>, meta: ObjectMeta, is: (v: Json | undefined) => v is T & Json): Promise<T | undefined> {
  const doc = await readJson(ctx, meta);
  return is(doc) ? doc : undefined;
}

export const recordBytes = (doc: object): Buffer => Buffer.from(`${JSON.stringify(doc)}\n`);
