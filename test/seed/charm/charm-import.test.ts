import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/schema.js';
import { silentLogger } from '../../../src/log.js';
import { importCharms, localId } from '../../../src/seed/charm/charm-import.js';
import { openStore, type Store } from '../../../src/store/store.js';
import { charmZip } from '../../helpers/fake-charmhub.js';
import { tempDir } from '../../helpers/tmp.js';
import { charmExport, infoMetadata, tarGz } from './export-fixture.js';
import { jammy, noble, PG_ID } from './fixture.js';

const hostGroups = configSchema.parse({}).hostGroups;
const sha = (alg: string, b: Buffer) => createHash(alg).update(b).digest('hex');

function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
  return fn(store).finally(() => store.close());
}

const record = (store: Store, path: string) => {
  const meta = store.lookup('charmhub', path);
  return meta ? (JSON.parse(readFileSync(store.blobPath(meta.sha256), 'utf8')) as Record<string, unknown>) : undefined;
};

const file = (b: Buffer, name = 'export.tar.gz') => {
  const f = join(tempDir(), name);
  writeFileSync(f, b);
  return f;
};

describe('importing a store-admin export of charms', () => {
  it('charm, resources and records from metadata.json (id, channel map, resource types); stray files reported', async () => {
    const archive = await charmZip('postgresql', [jammy(), noble()]);
    const snap = Buffer.from('snap bytes');
    const oci = Buffer.from(JSON.stringify({ ImageName: 'registry.jujucharms.com/charm/x/img@sha256:00', Username: 'u', Password: 'p' }));
    const metadata = infoMetadata({ id: PG_ID, name: 'postgresql', revision: 468, track: '14', channels: [{ channel: '14/stable', base: jammy() }, { channel: '14/stable', base: noble() }], resources: [{ name: 'pg-snap', type: 'file', filename: 'pg.snap' }], sha256: sha('sha256', archive) });
    const tgz = file(charmExport([{ name: 'postgresql', revision: 468, archive, metadata, resources: [{ name: 'pg-snap', revision: 12, data: snap }, { name: 'image', revision: 3, data: oci }] }], [{ name: 'notes.txt', data: 'hi' }]));
    await withStore(async (store) => {
      const s = await importCharms({ store, source: tgz, kind: 'charm-store-admin-export', hostGroups, log: silentLogger() });
      expect(s.charms).toEqual([{ name: 'postgresql', revision: 468, id: PG_ID, type: 'charm', channels: ['14/stable (ubuntu@22.04 amd64)', '14/stable (ubuntu@24.04 amd64)'] }]);
      expect(s.unmapped).toEqual(['notes.txt: not a charm archive, its metadata.json or one of its resources/NAME.RESOURCE_REV']);
      const blob = store.lookup('charmhub', `/api/v1/charms/download/${PG_ID}_468.charm`)!;
      expect(readFileSync(store.blobPath(blob.sha256)).equals(archive)).toBe(true);
      expect(record(store, '/@charm/names/postgresql')).toMatchObject({ type: 'charm', id: PG_ID, 'default-track': '14', result: { summary: 'postgresql summary' } });
      expect(record(store, `/@charm/revisions/${PG_ID}/468`)).toMatchObject({ version: 'v468', download: { size: archive.length, 'hash-sha-384': sha('sha384', archive) }, resources: [{ name: 'image', revision: 3 }, { name: 'pg-snap', revision: 12 }] });
      expect(record(store, '/@charm/channels/postgresql/amd64/ubuntu/24.04/14/stable')).toEqual({ revision: 468, 'released-at': '2024-05-06T07:08:09Z' });
      expect(record(store, `/@charm/resources/${PG_ID}/pg-snap/12`)).toMatchObject({ type: 'file', filename: 'pg.snap', download: { size: snap.length, 'hash-sha-256': sha('sha256', snap) } });
      expect(record(store, `/@charm/resources/${PG_ID}/image/3`)).toMatchObject({ type: 'oci-image' });
      const again = await importCharms({ store, source: tgz, kind: 'charm-store-admin-export', hostGroups, log: silentLogger() });
      expect(again.alreadyImportedAt).toBeDefined();
    });
  });

  it('a charm whose metadata.json gives no id is reported, not imported; with none importable the import fails', async () => {
    const tgz = file(charmExport([{ name: 'tiny', revision: 3, archive: await charmZip('tiny', [jammy()]), metadata: { something: 'else' } }]));
    await withStore(async (store) => {
      await expect(importCharms({ store, source: tgz, kind: 'charm-store-admin-export', hostGroups, log: silentLogger() })).rejects.toThrow(/no charm could be imported:\n {2}tiny revision 3: metadata\.json gives no Charmhub id for it/);
      const s = await importCharms({ store, source: tgz, kind: 'charm-store-admin-export', ids: { tiny: 'T'.repeat(32) }, channel: 'latest/edge', hostGroups, log: silentLogger() });
      expect(s.charms[0]).toMatchObject({ id: 'T'.repeat(32), channels: ['latest/edge (ubuntu@22.04 amd64)'] });
    });
  });

  it('a charm that differs from the sha256 its metadata.json gives refuses the whole import', async () => {
    const archive = await charmZip('postgresql', [jammy()]);
    const tgz = file(charmExport([{ name: 'postgresql', revision: 468, archive, metadata: infoMetadata({ id: PG_ID, name: 'postgresql', revision: 468, track: '14', channels: [{ channel: '14/stable', base: jammy() }], sha256: 'a'.repeat(64) }) }]));
    await withStore(async (store) => {
      await expect(importCharms({ store, source: tgz, kind: 'charm-store-admin-export', hostGroups, log: silentLogger() })).rejects.toThrow(/its metadata\.json says Charmhub's is a{64}; nothing was imported/);
      expect(store.lookup('charmhub', `/api/v1/charms/download/${PG_ID}_468.charm`)).toBeUndefined();
    });
  });

  it('hostile entries in the outer or an inner tarball are refused, named', async () => {
    const inner = tarGz([{ name: '../../escape.charm', data: 'x' }]);
    await withStore(async (store) => {
      await expect(importCharms({ store, source: file(tarGz([{ name: 'bundle.yaml', data: 'a: 1' }, { name: 'evil.tar.gz', data: inner }])), kind: 'charm-store-admin-export', hostGroups, log: silentLogger() })).rejects.toThrow(/entry "\.\.\/\.\.\/escape\.charm" climbs out/);
      await expect(importCharms({ store, source: file(tarGz([{ name: 'bundle.yaml', data: 'a: 1' }, { name: 'x.charm', flag: '2' }])), kind: 'charm-store-admin-export', hostGroups, log: silentLogger() })).rejects.toThrow(/entry "x\.charm" is a symbolic link/);
    });
  });
});

describe('importing juju download output', () => {
  it('on --charm-channel, for --charm-base or the manifest bases; no id: a local one, noted; --charm-id keeps Charmhub\'s', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'tiny_r3.charm'), await charmZip('tiny', [jammy(), jammy('arm64')]));
    writeFileSync(join(dir, 'other.charm'), await charmZip('other', [jammy()]));
    await withStore(async (store) => {
      const s = await importCharms({ store, source: dir, kind: 'juju-download', channel: 'stable', hostGroups, log: silentLogger() });
      expect(s.charms).toEqual([{ name: 'tiny', revision: 3, id: localId('tiny'), type: 'charm', channels: ['latest/stable (ubuntu@22.04 amd64)', 'latest/stable (ubuntu@22.04 arm64)'] }]);
      expect(s.notes[0]).toMatch(/tiny: no Charmhub id known .* give --charm-id tiny=ID/);
      expect(s.unmapped).toEqual(['other.charm: no revision in its name (NAME_REV.charm or NAME_rREV.charm)']);
      expect(record(store, '/@charm/revisions/' + localId('tiny') + '/3')).toMatchObject({ 'metadata-yaml': expect.stringMatching(/^name: tiny/) });
    });
    await withStore(async (store) => {
      const s = await importCharms({ store, source: dir, kind: 'juju-download', channel: '2/edge', bases: ['ubuntu@24.04'], ids: { tiny: 'Q'.repeat(32) }, hostGroups, log: silentLogger() });
      expect(s.charms[0]).toMatchObject({ id: 'Q'.repeat(32), channels: ['2/edge (ubuntu@24.04 amd64)', '2/edge (ubuntu@24.04 arm64)'] });
      expect(record(store, '/@charm/names/tiny')).toMatchObject({ 'default-track': '2' });
    });
  });

  it('without a channel: installable by revision only, said so; a bad channel is refused', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'tiny_r3.charm'), await charmZip('tiny', [jammy()]));
    await withStore(async (store) => {
      const s = await importCharms({ store, source: dir, kind: 'juju-download', hostGroups, log: silentLogger() });
      expect(s.notes.join('\n')).toMatch(/tiny revision 3: no channel known \(give --charm-channel\); installable by revision only/);
      await expect(importCharms({ store, source: dir, kind: 'juju-download', channel: '1/nightly', hostGroups, log: silentLogger() })).rejects.toThrow(/--charm-channel 1\/nightly is not a channel/);
    });
  });
});
