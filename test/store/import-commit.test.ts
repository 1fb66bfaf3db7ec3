import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/store.js';
import { tempDir } from '../helpers/tmp.js';
import { entry, writeBlob } from './contract.js';

const v1 = Buffer.from('version one');
const v2 = Buffer.from('version two');

async function storeWith(...bodies: Buffer[]): Promise<Store> {
  const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
  for (const b of bodies) await writeBlob(store, b);
  return store;
}

const record = (id: string) => ({ id, importedAt: 1_000, info: { kind: 'test', id } });

describe('Store.commitImport', () => {
  it('adds entries and records the import in one step', async () => {
    const store = await storeWith(v1);
    const r = store.commitImport([entry('ns', '/a', v1, { fetchedAt: 10 })], record('b1'));
    expect(r).toEqual({ outcomes: ['added'] });
    expect(store.lookup('ns', '/a')).toMatchObject({ size: v1.length, fetchedAt: 10 });
    expect(store.importRecords()).toEqual([record('b1')]);
    store.close();
  });

  it('the same bundle again changes nothing, not even the stored time', async () => {
    const store = await storeWith(v1);
    store.commitImport([entry('ns', '/a', v1, { fetchedAt: 10, storedAt: 5 })], record('b1'));
    const again = store.commitImport([entry('ns', '/a', v1, { fetchedAt: 10, storedAt: 99 })], record('b1'));
    expect(again).toEqual({ already: record('b1') });
    expect(store.lookup('ns', '/a')!.storedAt).toBe(5);
    store.close();
  });

  it('an older fetch never replaces a newer one; a newer one does; identical content is unchanged', async () => {
    const store = await storeWith(v1, v2);
    store.commitImport([entry('ns', '/a', v2, { fetchedAt: 20 }), entry('ns', '/b', v1, { fetchedAt: 20 })], record('new'));
    const r = store.commitImport(
      [entry('ns', '/a', v1, { fetchedAt: 10 }), entry('ns', '/b', v1, { fetchedAt: 10 }), entry('ns', '/c', v1, { fetchedAt: 10 })],
      record('old'),
    );
    expect(r).toEqual({ outcomes: ['kept-newer', 'unchanged', 'added'] });
    expect(store.lookup('ns', '/a')!.size).toBe(v2.length);
    const newer = store.commitImport([entry('ns', '/a', v1, { fetchedAt: 30 })], record('newest'));
    expect(newer).toEqual({ outcomes: ['replaced'] });
    expect(store.lookup('ns', '/a')!.size).toBe(v1.length);
    store.close();
  });

  it('an entry without a fetch time (a fill) counts as fetched when it was stored', async () => {
    const store = await storeWith(v1, v2);
    store.commit([entry('ns', '/a', v2, { storedAt: 50 })]);
    const r = store.commitImport([entry('ns', '/a', v1, { fetchedAt: 40 })], record('older-than-fill'));
    expect(r).toEqual({ outcomes: ['kept-newer'] });
    store.close();
  });

  it("another process's lookups see the whole import at once", async () => {
    const dataDir = tempDir();
    const server = openStore({ dataDir, watchIntervalMs: 0 });
    const importer = openStore({ dataDir, watchIntervalMs: 0 });
    await writeBlob(importer, v1);
    expect(server.lookup('ns', '/x')).toBeUndefined();
    importer.commitImport([entry('ns', '/x', v1), entry('ns', '/y', v1)], record('xy'));
    expect(server.lookup('ns', '/x')).toBeDefined();
    expect(server.lookup('ns', '/y')).toBeDefined();
    server.close();
    importer.close();
  });

  it('drops a blob only when nothing refers to it', async () => {
    const store = await storeWith(v1, v2);
    store.commit([entry('ns', '/a', v1)]);
    const sha = (b: Buffer) => entry('ns', '/', b).sha256;
    expect(store.dropBlobIfUnreferenced(sha(v1))).toBe(false);
    expect(store.dropBlobIfUnreferenced(sha(v2))).toBe(true);
    expect(existsSync(store.blobPath(sha(v1)))).toBe(true);
    expect(existsSync(store.blobPath(sha(v2)))).toBe(false);
    store.close();
  });
});

describe('fetched_at column', () => {
  it('is added to an index made before it existed; old rows read as fetched when stored', () => {
    const dataDir = tempDir();
    const db = new Database(join(dataDir, 'index.sqlite'));
    db.exec(`CREATE TABLE objects (ns TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
      content_type TEXT NOT NULL, last_modified INTEGER NOT NULL, etag TEXT NOT NULL, digests TEXT NOT NULL,
      source TEXT NOT NULL, stored_at INTEGER NOT NULL, PRIMARY KEY (ns, path)) WITHOUT ROWID`);
    db.prepare("INSERT INTO objects VALUES ('ns', '/old', ?, 1, 'text/plain', 1, '\"e\"', '{}', 'fill', 7)").run('a'.repeat(64));
    db.close();
    const store = openStore({ dataDir, watchIntervalMs: 0 });
    expect(store.lookup('ns', '/old')).toMatchObject({ storedAt: 7 });
    expect(store.lookup('ns', '/old')!.fetchedAt).toBeUndefined();
    expect(store.commitImport([{ ...entry('ns', '/old', Buffer.from('x'), { fetchedAt: 5 }) }], record('r'))).toEqual({ outcomes: ['kept-newer'] });
    store.close();
  });
});
