// The store contract (STYLE.md §3): every store implementation passes these cases.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import type { NewObject } from '../../src/store/types.js';

export type StoreFactory = () => { store: Store; dataDir: string };

export const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

export async function writeBlob(store: Store, body: Buffer, opts: { expectedSize?: number; expectedSha256?: string } = {}) {
  const w = store.createBlobWriter({ subject: 'test', ...opts });
  await pipeline(Readable.from([body]), w);
  return w.result;
}

export function entry(ns: string, path: string, body: Buffer, extra: Partial<NewObject> = {}): NewObject {
  return { ns, path, sha256: sha256(body), size: body.length, contentType: 'application/octet-stream', lastModified: 1_700_000_000_000, digests: {}, source: 'test', ...extra };
}

export function storeContract(name: string, factory: StoreFactory): void {
  describe(`store contract: ${name}`, () => {
    it('a miss is undefined, not an error', () => {
      const { store } = factory();
      expect(store.lookup('ns', '/nothing')).toBeUndefined();
      store.close();
    });

    it('a committed object is found with its metadata and its bytes', async () => {
      const { store } = factory();
      const body = Buffer.from('hello world\n');
      const blob = await writeBlob(store, body, { expectedSha256: sha256(body), expectedSize: body.length });
      store.commit([entry('ns', '/a/b.txt', body, { contentType: 'text/plain' })]);
      const meta = store.lookup('ns', '/a/b.txt')!;
      expect(meta).toMatchObject({ sha256: blob.sha256, size: 12, contentType: 'text/plain' });
      expect(meta.etag).toMatch(/^"[0-9a-f]{32}"$/);
      expect(readFileSync(store.blobPath(meta.sha256))).toEqual(body);
      store.close();
    });

    it('a short write leaves nothing visible, not even a temporary file', async () => {
      const { store, dataDir } = factory();
      const body = Buffer.from('only part');
      await expect(writeBlob(store, body, { expectedSize: 100 })).rejects.toMatchObject({ code: 'AGC_ERR_DIGEST_MISMATCH' });
      expect(existsSync(store.blobPath(sha256(body)))).toBe(false);
      expect(readdirSync(join(dataDir, 'tmp'))).toEqual([]);
      store.close();
    });

    it('a wrong-digest write leaves nothing visible', async () => {
      const { store, dataDir } = factory();
      const body = Buffer.from('tampered');
      await expect(writeBlob(store, body, { expectedSha256: sha256('original') })).rejects.toMatchObject({ code: 'AGC_ERR_DIGEST_MISMATCH' });
      expect(existsSync(store.blobPath(sha256(body)))).toBe(false);
      expect(readdirSync(join(dataDir, 'tmp'))).toEqual([]);
      store.close();
    });

    it('a batch commit shows all entries or none', async () => {
      const { store } = factory();
      const a = Buffer.from('a');
      await writeBlob(store, a);
      const bad = { ...entry('ns', '/2', a), size: null } as unknown as NewObject;
      expect(() => store.commit([entry('ns', '/1', a), bad])).toThrow();
      expect(store.lookup('ns', '/1')).toBeUndefined();
      store.commit([entry('ns', '/1', a), entry('ns', '/2', a)]);
      expect(store.lookup('ns', '/1')).toBeDefined();
      expect(store.lookup('ns', '/2')).toBeDefined();
      store.close();
    });

    it('a replaced entry shows old or new, and blobs shared by two paths survive removing one', async () => {
      const { store } = factory();
      const v1 = Buffer.from('version 1');
      const v2 = Buffer.from('version 2');
      await writeBlob(store, v1);
      await writeBlob(store, v2);
      store.commit([entry('ns', '/index', v1), entry('ns', '/by-hash/x', v1)]);
      store.commit([entry('ns', '/index', v2)]);
      expect(store.lookup('ns', '/index')!.sha256).toBe(sha256(v2));
      store.remove('ns', '/index');
      expect(store.lookup('ns', '/index')).toBeUndefined();
      const shared = store.lookup('ns', '/by-hash/x')!;
      expect(readFileSync(store.blobPath(shared.sha256))).toEqual(v1);
      store.close();
    });

    it('namespaces are separate', async () => {
      const { store } = factory();
      const b = Buffer.from('x');
      await writeBlob(store, b);
      store.commit([entry('one', '/p', b)]);
      expect(store.lookup('two', '/p')).toBeUndefined();
      expect(store.namespaces()).toEqual([{ ns: 'one', objects: 1, bytes: 1 }]);
      store.close();
    });

    it('survives a reopen: entries persist, stale temporaries of dead writers are removed', async () => {
      const { store, dataDir } = factory();
      const b = Buffer.from('persist');
      await writeBlob(store, b);
      store.commit([entry('ns', '/p', b)]);
      store.close();
      const { writeFileSync } = await import('node:fs');
      writeFileSync(join(dataDir, 'tmp', '999999999-deadbeef.part'), 'partial');
      const { openStore } = await import('../../src/store/store.js');
      const again = openStore({ dataDir, watchIntervalMs: 0 });
      expect(again.lookup('ns', '/p')!.size).toBe(7);
      expect(readdirSync(join(dataDir, 'tmp'))).toEqual([]);
      again.close();
    });
  });
}
