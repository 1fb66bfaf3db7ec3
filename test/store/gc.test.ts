import { mkdirSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storeTreeBytes } from '../../src/seed/images/tree-file.js';
import { commitTree } from '../../src/seed/tree-commit.js';
import { collectGarbage, touchBlob } from '../../src/store/gc.js';
import { openStore, type Store } from '../../src/store/store.js';
import { tempDir } from '../helpers/tmp.js';

const HOUR = 3_600_000;

async function put(store: Store, path: string, body: string): Promise<string> {
  const { sha256 } = await storeTreeBytes(store, Buffer.from(body), path);
  commitTree(store, { kind: 'test', dir: path, sourcePrefix: 'test', entries: [{ ns: 'maas-images', path, sha256, size: body.length, contentType: 'text/plain', lastModified: 1, fetchedAt: 1, digests: {}, source: '' }], requested: [] });
  return sha256;
}

function age(store: Store, sha: string, ms: number): void {
  const t = new Date(Date.now() - ms);
  utimesSync(store.blobPath(sha), t, t);
}

describe('collectGarbage', () => {
  it('deletes old bytes no entry serves after a newer import replaced them, keeps what is served', async () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    const old = await put(store, '/streams/v1/index.json', 'old index');
    const fresh = await put(store, '/streams/v1/index.json', 'new index, longer');
    age(store, old, 2 * HOUR);
    age(store, fresh, 2 * HOUR);
    const dry = await collectGarbage(store, { minAgeMs: HOUR, dryRun: true });
    expect(dry).toMatchObject({ scanned: 2, removed: 1, bytesFreed: 9 });
    expect(existsSync(store.blobPath(old))).toBe(true);
    const real = await collectGarbage(store, { minAgeMs: HOUR });
    expect(real).toMatchObject({ scanned: 2, removed: 1, bytesFreed: 9, young: 0, strays: [] });
    expect(existsSync(store.blobPath(old))).toBe(false);
    expect(existsSync(store.blobPath(fresh))).toBe(true);
    expect(store.lookup('maas-images', '/streams/v1/index.json')?.sha256).toBe(fresh);
    store.close();
  });

  it('keeps unreferenced bytes younger than the grace period, and a reused blob is young again once touched', async () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    const { sha256 } = await storeTreeBytes(store, Buffer.from('written by an import that has not committed yet'), 'x');
    expect(await collectGarbage(store, { minAgeMs: HOUR })).toMatchObject({ removed: 0, young: 1 });
    age(store, sha256, 2 * HOUR);
    await touchBlob(store, sha256);
    expect(await collectGarbage(store, { minAgeMs: HOUR })).toMatchObject({ removed: 0, young: 1 });
    expect(existsSync(store.blobPath(sha256))).toBe(true);
    store.close();
  });

  it('leaves files that are not blobs alone and reports them', async () => {
    const dataDir = tempDir();
    const store = openStore({ dataDir, watchIntervalMs: 0 });
    await put(store, '/a', 'a');
    const fan = join(dataDir, 'blobs', 'sha256', 'ab');
    mkdirSync(fan, { recursive: true });
    writeFileSync(join(fan, 'notes.txt'), 'an admin left this');
    writeFileSync(join(fan, 'cd'.padEnd(64, '0')), 'in the wrong folder');
    const r = await collectGarbage(store, { minAgeMs: 0 });
    expect(r.strays.sort()).toEqual([join(fan, 'cd'.padEnd(64, '0')), join(fan, 'notes.txt')]);
    expect(existsSync(join(fan, 'notes.txt'))).toBe(true);
    expect(r).toMatchObject({ scanned: 1, removed: 0 });
    store.close();
  });
});
