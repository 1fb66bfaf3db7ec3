import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { exportBundle } from '../../src/seed/exporter.js';
import { importBundle } from '../../src/seed/importer.js';
import { openStore, type Store } from '../../src/store/store.js';
import { entry, writeBlob } from '../store/contract.js';
import { tempDir } from '../helpers/tmp.js';

async function filled(): Promise<Store> {
  const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
  const a = Buffer.from('filled online');
  const b = Buffer.from('another namespace');
  await writeBlob(store, a);
  await writeBlob(store, b);
  store.commit([entry('maas-images', '/a', a, { storedAt: 1_000, contentType: 'text/plain' }), entry('ubuntu-archive', '/b', b, { storedAt: 2_000.5, lastModified: 1_700_000_000_123.75 })]);
  return store;
}

describe('exportBundle (record mode)', () => {
  it('writes what the store holds; another appliance imports the same entries', async () => {
    const src = await filled();
    const out = join(tempDir(), 'rec.bundle');
    const w = await exportBundle({ store: src, out });
    expect(w).toMatchObject({ objects: 2, blobs: 2 });
    const dst = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    const s = await importBundle({ store: dst, source: createReadStream(out), name: out, log: silentLogger() });
    expect(s).toMatchObject({ kind: 'export', counts: { added: 2 } });
    const a = dst.lookup('maas-images', '/a')!;
    expect(a).toMatchObject({ contentType: 'text/plain', sha256: src.lookup('maas-images', '/a')!.sha256, fetchedAt: 1_000 });
    expect(dst.lookup('ubuntu-archive', '/b')).toMatchObject({ lastModified: 1_700_000_000_123, fetchedAt: 2_000 });
    src.close();
    dst.close();
  });

  it('exports only the namespaces asked for, and says so when one is empty', async () => {
    const src = await filled();
    expect(await exportBundle({ store: src, out: join(tempDir(), 'one.bundle'), namespaces: ['ubuntu-archive'] })).toMatchObject({ objects: 1 });
    await expect(exportBundle({ store: src, out: join(tempDir(), 'none.bundle'), namespaces: ['snap-store'] })).rejects.toThrow(/nothing to export in namespace snap-store \(the store has maas-images, ubuntu-archive\)/);
    src.close();
  });
});
