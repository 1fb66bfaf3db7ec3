// Snaps put straight into a store the way a seed or import leaves them (blob, records,
// assertions), and a SiteContext over that store, for snap site tests without HTTP.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SiteContext } from '../../src/sites/site.js';
import { defaultSiteSettings } from '../../src/sites/site.js';
import { splitAssertions } from '../../src/sites/snap/assertion.js';
import { assertionPath } from '../../src/sites/snap/primary-key.js';
import { blobPath, channelPath, namePath, recordBytes, revisionPath } from '../../src/sites/snap/records.js';
import { putBytes, type SmallObject } from '../../src/store/put-bytes.js';
import type { Store } from '../../src/store/store.js';

export const NS = 'snap-store';
export const fixtureDir = new URL('../../../shared/fixtures/snaps/', import.meta.url).pathname;
export const helloSnap = (): Buffer => readFileSync(`${fixtureDir}hello-lhc_4.snap`);
export const helloAssert = (): Buffer => readFileSync(`${fixtureDir}hello-lhc_4.assert`);
export const HELLO_ID = 'C5dNhzm9yryAvdNmZOgGAo74OioC3zSn';

export interface TestRevision {
  revision: number;
  architectures: string[];
  blob: Buffer;
  version?: string;
  base?: string;
  type?: string;
  snapYaml?: string;
  /** Omit the blob from the store (a record without bytes). */
  noBlob?: boolean;
}

export interface TestSnap {
  name: string;
  id: string;
  defaultTrack?: string;
  summary?: string;
  revisions: TestRevision[];
  /** [arch, track/risk[/branch], revision] */
  channels: [string, string, number][];
}

export const sha3hex = (b: Buffer): string => createHash('sha3-384').update(b).digest('hex');

export function revisionDoc(s: TestSnap, r: TestRevision): Record<string, unknown> {
  return {
    name: s.name,
    'snap-id': s.id,
    revision: r.revision,
    version: r.version ?? `1.${r.revision}`,
    type: r.type ?? 'app',
    base: r.base ?? 'core22',
    confinement: 'strict',
    architectures: r.architectures,
    epoch: { read: [0], write: [0] },
    publisher: { id: 'pubid', username: 'pub', 'display-name': 'Pub', validation: 'unproven' },
    summary: s.summary ?? `${s.name} summary`,
    'snap-yaml': r.snapYaml ?? `name: ${s.name}\nversion: '1.${r.revision}'\n`,
    media: [{ type: 'icon', url: 'https://dashboard.snapcraft.io/icon.png' }],
    download: { size: r.blob.length, 'sha3-384': sha3hex(r.blob) },
  };
}

export async function putSnap(store: Store, s: TestSnap): Promise<void> {
  const objs: SmallObject[] = [];
  const json = (path: string, doc: object): SmallObject => ({ ns: NS, path, bytes: recordBytes(doc), contentType: 'application/json', source: 'test' });
  objs.push(json(namePath(s.name), { name: s.name, 'snap-id': s.id, 'default-track': s.defaultTrack ?? 'latest', snap: { title: s.name, summary: s.summary ?? `${s.name} summary`, publisher: { id: 'pubid', username: 'pub' } } }));
  for (const r of s.revisions) {
    objs.push(json(revisionPath(s.id, r.revision), revisionDoc(s, r)));
    if (!r.noBlob) objs.push({ ns: NS, path: blobPath(s.id, r.revision), bytes: r.blob, contentType: 'application/octet-stream', digests: { 'sha3-384': sha3hex(r.blob) }, source: 'test' });
  }
  for (const [arch, channel, revision] of s.channels) objs.push(json(channelPath(s.name, arch, channel), { revision, 'released-at': '2024-01-02T00:00:00Z' }));
  await putBytes(store, objs);
}

export async function putAssertions(store: Store, stream: Buffer): Promise<void> {
  await putBytes(
    store,
    splitAssertions(stream).map((a) => ({ ns: NS, path: assertionPath(a)!, bytes: a.encoded, contentType: 'application/x.ubuntu.assertion', source: 'test' })),
  );
}

/** hello-lhc revision 4 (armhf), the real fixture, on latest/stable, with its assertions. */
export async function putHello(store: Store): Promise<void> {
  const blob = helloSnap();
  await putSnap(store, { name: 'hello-lhc', id: HELLO_ID, revisions: [{ revision: 4, architectures: ['armhf'], blob, version: '1.0', base: '' }], channels: [['armhf', 'latest/stable', 4]] });
  await putAssertions(store, helloAssert());
}

export function storeContext(store: Store): SiteContext {
  return {
    settings: defaultSiteSettings,
    lookup: (ns, path) => store.lookup(ns, path),
    list: (ns, prefix) => store.list(ns, prefix),
    read: async (meta) => readFileSync(store.blobPath(meta.sha256)),
  };
}
