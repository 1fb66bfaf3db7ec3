// Charms put straight into a store the way a seed or import leaves them (blobs and the records of
// src/sites/charm/records.ts, written through its builders), and a test catalogue: postgresql
// (default track 14, two bases, a file and an oci-image resource) and a bundle naming it.
import { createHash } from 'node:crypto';
import {
  channelRecordFile,
  charmBlobPath,
  nameRecordFiles,
  resourceBlobPath,
  resourceRecordFile,
  revisionRecordFile,
  type Base,
  type RecordFile,
} from '../../src/sites/charm/records.js';
import { putBytes, type SmallObject } from '../../src/store/put-bytes.js';
import type { Store } from '../../src/store/store.js';
import { bundleZip, charmZip } from './fake-charmhub.js';

export const CHARM_NS = 'charmhub';
export const PG_ID = 'Zm9vYmFyYmF6cXV4MDEyMzQ1Njc4OWFi';
export const BUNDLE_ID = 'QnVuZGxlQnVuZGxlQnVuZGxlQnVuZGxl';
export const jammy: Base = { architecture: 'amd64', name: 'ubuntu', channel: '22.04' };
export const noble: Base = { architecture: 'amd64', name: 'ubuntu', channel: '24.04' };
export const focal: Base = { architecture: 'amd64', name: 'ubuntu', channel: '20.04' };
export const ALL: Base = { architecture: 'all', name: 'all', channel: 'all' };
export const OCI_DOC = Buffer.from(JSON.stringify({ ImageName: 'registry.jujucharms.com/charm/pgid/pg-image@sha256:' + 'c'.repeat(64), Username: 'docker-registry', Password: 'macaroon' }));

export const digests = (b: Buffer) => ({ size: b.length, 'hash-sha-256': createHash('sha256').update(b).digest('hex'), 'hash-sha-384': createHash('sha384').update(b).digest('hex') });

export interface TestCharm {
  type: 'charm' | 'bundle';
  name: string;
  id: string;
  defaultTrack: string;
  revisions: { revision: number; bases: Base[]; blob: Buffer; resources?: { name: string; revision: number }[]; bundleYaml?: string }[];
  resources: { name: string; type: 'file' | 'oci-image'; revision: number; blob: Buffer }[];
  /** [base, track/risk, revision, resources?] */
  channels: [Base, string, number, { name: string; revision: number }[]?][];
}

export async function testCatalogue(): Promise<{ pg: TestCharm; bundle: TestCharm }> {
  const pg: TestCharm = {
    type: 'charm',
    name: 'postgresql',
    id: PG_ID,
    defaultTrack: '14',
    revisions: [
      { revision: 468, bases: [jammy], blob: await charmZip('postgresql', [jammy]), resources: [{ name: 'pg-snap', revision: 12 }, { name: 'pg-image', revision: 3 }] },
      { revision: 470, bases: [jammy], blob: await charmZip('postgresql', [jammy], { 'VERSION': '470' }), resources: [{ name: 'pg-snap', revision: 13 }, { name: 'pg-image', revision: 3 }] },
      { revision: 500, bases: [noble], blob: await charmZip('postgresql', [noble]), resources: [{ name: 'pg-snap', revision: 13 }, { name: 'pg-image', revision: 3 }] },
    ],
    resources: [
      { name: 'pg-snap', type: 'file', revision: 12, blob: Buffer.from('snap twelve') },
      { name: 'pg-snap', type: 'file', revision: 13, blob: Buffer.from('snap thirteen!') },
      { name: 'pg-image', type: 'oci-image', revision: 3, blob: OCI_DOC },
    ],
    channels: [
      [jammy, '14/stable', 468],
      [jammy, '14/edge', 470],
      [noble, '16/stable', 500],
      [jammy, '16/stable', 470, [{ name: 'pg-snap', revision: 12 }]],
    ],
  };
  const bundleYaml = 'applications:\n  db:\n    charm: postgresql\n    channel: 14/stable\n  db2:\n    charm: postgresql\n    revision: 500\n';
  const bundle: TestCharm = {
    type: 'bundle',
    name: 'pg-bundle',
    id: BUNDLE_ID,
    defaultTrack: 'latest',
    revisions: [{ revision: 5, bases: [ALL], blob: await bundleZip('pg-bundle', { db: { charm: 'postgresql', channel: '14/stable' }, db2: { charm: 'postgresql', revision: 500 } }), bundleYaml }],
    resources: [],
    channels: [[ALL, 'latest/stable', 5]],
  };
  return { pg, bundle };
}

export function charmFiles(c: TestCharm): { records: RecordFile[]; blobs: SmallObject[] } {
  const records: RecordFile[] = [...nameRecordFiles({ type: c.type, id: c.id, name: c.name, 'default-track': c.defaultTrack, result: { summary: `${c.name} summary`, description: 'd', license: 'Apache-2.0', publisher: { 'display-name': 'Canonical', id: 'canonical' }, 'store-url': `https://charmhub.io/${c.name}` } })];
  const blobs: SmallObject[] = [];
  for (const r of c.revisions) {
    const rev = { revision: r.revision, version: `v${r.revision}`, 'created-at': '2025-03-01T09:00:00+00:00', bases: r.bases, download: digests(r.blob), resources: r.resources ?? [], ...(c.type === 'charm' ? { 'metadata-yaml': `name: ${c.name}\n`, 'config-yaml': 'options: {}\n' } : { 'bundle-yaml': r.bundleYaml ?? '' }) };
    records.push(revisionRecordFile(c.id, rev));
    blobs.push({ ns: CHARM_NS, path: charmBlobPath(c.id, r.revision), bytes: r.blob, contentType: 'application/octet-stream', source: 'test' });
  }
  for (const r of c.resources) {
    records.push(resourceRecordFile(c.id, { name: r.name, type: r.type, revision: r.revision, filename: r.type === 'file' ? `${r.name}.snap` : '', description: `${r.name} resource`, download: digests(r.blob) }));
    blobs.push({ ns: CHARM_NS, path: resourceBlobPath(c.id, r.name, r.revision), bytes: r.blob, contentType: 'application/octet-stream', source: 'test' });
  }
  for (const [base, channel, revision, resources] of c.channels) records.push(channelRecordFile(c.name, base, channel, { revision, 'released-at': '2025-03-04T10:11:12.000000+00:00', ...(resources ? { resources } : {}) }));
  return { records, blobs };
}

export async function putCharm(store: Store, c: TestCharm): Promise<void> {
  const { records, blobs } = charmFiles(c);
  await putBytes(store, [...records.map((f) => ({ ns: CHARM_NS, path: f.path, bytes: f.bytes, contentType: 'application/json', source: 'test' })), ...blobs]);
}

export async function putCatalogue(store: Store): Promise<{ pg: TestCharm; bundle: TestCharm }> {
  const cat = await testCatalogue();
  await putCharm(store, cat.pg);
  await putCharm(store, cat.bundle);
  return cat;
}
