import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { storeTreeBytes } from '../../src/seed/images/tree-file.js';
import { commitTree, dropWritten, treeId } from '../../src/seed/tree-commit.js';
import { openStore } from '../../src/store/store.js';
import { tempDir } from '../helpers/tmp.js';

const entryFor = (path: string, sha256: string, size: number) => ({ ns: 'ubuntu-archive', path, sha256, size, contentType: 'application/octet-stream', lastModified: 1, fetchedAt: 1, digests: {}, source: '' });

describe('commitTree', () => {
  it('makes every entry visible at once under a content-derived id, and recognises the same tree again', async () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    const a = await storeTreeBytes(store, Buffer.from('a'), 'a');
    const b = await storeTreeBytes(store, Buffer.from('bb'), 'b');
    const entries = [entryFor('/x/a', a.sha256, 1), entryFor('/x/b', b.sha256, 2)];
    const requested = [{ section: 'apt', item: 'tree', objects: entries.map((e) => [e.ns, e.path] as [string, string]) }];
    const first = commitTree(store, { kind: 'apt-mirror', dir: '/mirror', sourcePrefix: 'mirror', entries, requested });
    expect(first).toEqual({ id: treeId(entries), counts: { added: 2, replaced: 0, unchanged: 0, 'kept-newer': 0 }, alreadyImportedAt: undefined });
    expect(store.lookup('ubuntu-archive', '/x/b')).toMatchObject({ sha256: b.sha256, source: `mirror:${first.id.slice(0, 16)}` });
    // Order does not change the id; a second import of the same tree changes nothing.
    expect(treeId([...entries].reverse())).toBe(first.id);
    const again = commitTree(store, { kind: 'apt-mirror', dir: '/mirror', sourcePrefix: 'mirror', entries: [...entries].reverse(), requested });
    expect(again.counts.unchanged).toBe(2);
    expect(again.alreadyImportedAt).toBeGreaterThan(0);
    store.close();
  });

  it('dropWritten removes only the blobs no entry references', async () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    const kept = await storeTreeBytes(store, Buffer.from('kept'), 'kept');
    const orphan = await storeTreeBytes(store, Buffer.from('orphan'), 'orphan');
    commitTree(store, { kind: 'apt-mirror', dir: '/m', sourcePrefix: 'mirror', entries: [entryFor('/k', kept.sha256, 4)], requested: [] });
    expect(dropWritten(store, [kept.sha256, orphan.sha256])).toBe(1);
    expect(existsSync(store.blobPath(orphan.sha256))).toBe(false);
    expect(existsSync(store.blobPath(kept.sha256))).toBe(true);
    store.close();
  });
});
