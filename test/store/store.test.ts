import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { tempDir } from '../helpers/tmp.js';
import { entry, storeContract, writeBlob } from './contract.js';

storeContract('filesystem blobs + SQLite index', () => {
  const dataDir = tempDir();
  return { store: openStore({ dataDir, watchIntervalMs: 0 }), dataDir };
});

describe('Store', () => {
  it("sees another process's commits without a restart (data_version watcher)", async () => {
    const dataDir = tempDir();
    const server = openStore({ dataDir, watchIntervalMs: 20 });
    const importer = openStore({ dataDir, watchIntervalMs: 0 });
    expect(server.lookup('ns', '/late')).toBeUndefined(); // cached as missing
    const body = Buffer.from('arrived');
    await writeBlob(importer, body);
    importer.commit([entry('ns', '/late', body)]);
    await new Promise((r) => setTimeout(r, 120));
    expect(server.lookup('ns', '/late')?.size).toBe(7);
    server.close();
    importer.close();
  });

  it('never mixes an old cached entry with a newer one read after another process committed both', async () => {
    const dataDir = tempDir();
    const server = openStore({ dataDir, watchIntervalMs: 0 });
    const importer = openStore({ dataDir, watchIntervalMs: 0 });
    const v1 = Buffer.from('one');
    const v2 = Buffer.from('two!');
    await writeBlob(importer, v1);
    await writeBlob(importer, v2);
    importer.commit([entry('ns', '/a', v1)]);
    expect(server.lookup('ns', '/a')?.size).toBe(3); // cached
    importer.commit([entry('ns', '/a', v2), entry('ns', '/b', v2)]);
    expect(server.lookup('ns', '/b')?.size).toBe(4); // read from disk, so the cache is dropped first
    expect(server.lookup('ns', '/a')?.size).toBe(4);
    // A cached entry alone is looked at again within a few tens of milliseconds.
    importer.commit([entry('ns', '/a', v1)]);
    await new Promise((r) => setTimeout(r, 80));
    expect(server.lookup('ns', '/a')?.size).toBe(3);
    server.close();
    importer.close();
  });

  it('emits committed events with full metadata', async () => {
    const dataDir = tempDir();
    const store = openStore({ dataDir, watchIntervalMs: 0 });
    const seen: string[] = [];
    store.on('committed', (list) => seen.push(...list.map((m) => `${m.ns}${m.path}:${m.etag}`)));
    const body = Buffer.from('e');
    await writeBlob(store, body);
    store.commit([entry('ns', '/e', body)]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^ns\/e:"[0-9a-f]{32}"$/);
    store.close();
  });

  it("lists a path prefix, including another process's newest commits", async () => {
    const dataDir = tempDir();
    const server = openStore({ dataDir, watchIntervalMs: 0 });
    const importer = openStore({ dataDir, watchIntervalMs: 0 });
    expect(server.list('ns', '/d/')).toEqual([]);
    const body = Buffer.from('x');
    await writeBlob(importer, body);
    importer.commit([entry('ns', '/d/1', body), entry('ns', '/d/2', body), entry('ns', '/e', body)]);
    expect(server.list('ns', '/d/').map((m) => m.path)).toEqual(['/d/1', '/d/2']);
    server.close();
    importer.close();
  });
  it('finds entries by a path GLOB across namespaces', async () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    const body = Buffer.from('x');
    await writeBlob(store, body);
    store.commit(['/ubuntu/dists/noble/InRelease', '/ubuntu/dists/noble/main/x', '/dists/jammy/InRelease', '/pool/InRelease.deb'].map((p, i) => entry(i % 2 ? 'b' : 'a', p, body)));
    expect(store.entriesMatching('*/dists/*/InRelease').map((m) => `${m.ns}:${m.path}`)).toEqual(['a:/dists/jammy/InRelease', 'a:/ubuntu/dists/noble/InRelease']);
    store.close();
  });
});
