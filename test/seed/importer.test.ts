import { createReadStream, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { importBundle } from '../../src/seed/importer.js';
import { Progress } from '../../src/seed/progress.js';
import { openStore, type Store } from '../../src/store/store.js';
import { flipByte, makeBundle, sha256 } from '../helpers/bundles.js';
import { tempDir } from '../helpers/tmp.js';

const open = () => openStore({ dataDir: tempDir(), watchIntervalMs: 0 });

function run(store: Store, file: string, extra: { progress?: Progress; servedNamespaces?: Set<string> } = {}) {
  return importBundle({ store, source: createReadStream(file, { highWaterMark: 64 * 1024 }), name: file, log: silentLogger(), ...extra });
}

/** Everything visible in a store: entries and blob files (empty fan-out directories do not count). */
function snapshot(store: Store) {
  const dir = join(store.dataDir, 'blobs');
  const blobs = existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).filter((p) => /[0-9a-f]{64}$/.test(p)).sort() : [];
  return { entries: [...store.entries()], blobs, imports: store.importRecords() };
}

describe('importBundle', () => {
  it('makes every object visible with its bytes and metadata, and records the import', async () => {
    const store = open();
    const { file, written } = await makeBundle([
      { path: '/a.txt', body: 'alpha', contentType: 'text/plain', fetchedAt: 1_800_000_000_000 },
      { path: '/b.bin', body: Buffer.alloc(300_000, 9) },
    ]);
    const s = await run(store, file);
    expect(s).toMatchObject({ bundleId: written.id, objects: 2, counts: { added: 2, replaced: 0, unchanged: 0, 'kept-newer': 0 }, blobsWritten: 2, bytesWritten: 300_005 });
    const a = store.lookup('maas-images', '/a.txt')!;
    expect(a).toMatchObject({ contentType: 'text/plain', fetchedAt: 1_800_000_000_000, source: `import:${written.id.slice(0, 16)}` });
    expect(readFileSync(store.blobPath(a.sha256), 'utf8')).toBe('alpha');
    expect(store.importRecords()).toHaveLength(1);
    store.close();
  });

  it('is idempotent: the same bundle again changes nothing', async () => {
    const store = open();
    const { file } = await makeBundle([{ path: '/a', body: 'x' }]);
    await run(store, file);
    const before = snapshot(store);
    const again = await run(store, file);
    expect(again.alreadyImportedAt).toBeDefined();
    expect(again).toMatchObject({ blobsWritten: 0, blobsPresent: 1 });
    expect(snapshot(store)).toEqual(before);
    store.close();
  });

  it('an older bundle never replaces newer content, but adds what it alone has', async () => {
    const store = open();
    const newer = await makeBundle([{ path: '/InRelease', body: 'v2', fetchedAt: 2_000 }]);
    const older = await makeBundle([{ path: '/InRelease', body: 'v1', fetchedAt: 1_000 }, { path: '/only-old', body: 'o', fetchedAt: 1_000 }]);
    await run(store, newer.file);
    const s = await run(store, older.file);
    expect(s.counts).toMatchObject({ added: 1, 'kept-newer': 1 });
    expect(readFileSync(store.blobPath(store.lookup('maas-images', '/InRelease')!.sha256), 'utf8')).toBe('v2');
    expect(store.lookup('maas-images', '/only-old')).toBeDefined();
    expect(existsSync(store.blobPath(sha256('v1')))).toBe(false);
    store.close();
  });

  const tampered: [string, (file: string) => string][] = [
    ['one byte flipped in a payload', (file) => {
      flipByte(file, readFileSync(file).indexOf(Buffer.alloc(64, 7)) + 100);
      return file;
    }],
    ['a truncated bundle', (file) => {
      const cut = join(tempDir(), 'cut');
      writeFileSync(cut, readFileSync(file).subarray(0, readFileSync(file).indexOf(Buffer.alloc(64, 7)) + 5000));
      return cut;
    }],
  ];

  for (const [what, damage] of tampered) {
    it(`${what}: fails naming the object, and the store is exactly as before`, async () => {
      const store = open();
      const earlier = await makeBundle([{ path: '/kept', body: 'already here' }]);
      await run(store, earlier.file);
      const before = snapshot(store);
      const { file } = await makeBundle([
        { path: '/first', body: 'written before the damage is reached' },
        { path: '/zz-damaged.img', body: Buffer.alloc(200_000, 7) },
      ]);
      await expect(run(store, damage(file))).rejects.toMatchObject({ code: 'AGC_ERR_BUNDLE', message: expect.stringContaining('maas-images:/zz-damaged.img') });
      expect(snapshot(store)).toEqual(before);
      expect(readdirSync(join(store.dataDir, 'tmp'))).toEqual([]);
      store.close();
    });
  }

  it('a path with .. fails naming the object, before anything is written', async () => {
    const store = open();
    const before = snapshot(store);
    const { file } = await makeBundle([{ path: '/a/../../../etc/cron.d/x', body: 'evil' }]);
    await expect(run(store, file)).rejects.toThrow(/maas-images:\/a\/\.\.\/\.\.\/\.\.\/etc\/cron\.d\/x/);
    expect(snapshot(store)).toEqual(before);
    store.close();
  });

  it('a tampered payload fails even when the store already has the real bytes', async () => {
    const store = open();
    const body = Buffer.alloc(10_000, 7);
    await run(store, (await makeBundle([{ path: '/x', body }])).file);
    const { file } = await makeBundle([{ path: '/y', body }]);
    flipByte(file, readFileSync(file).indexOf(body) + 10);
    await expect(run(store, file)).rejects.toThrow(/maas-images:\/y.*sha256/);
    expect(store.lookup('maas-images', '/y')).toBeUndefined();
    expect(readFileSync(store.blobPath(sha256(body)))).toEqual(body);
    store.close();
  });

  it('warns about namespaces no host group serves, and reports byte progress to the end', async () => {
    const store = open();
    const { file } = await makeBundle([{ ns: 'somewhere-else', path: '/a', body: 'a' }]);
    const progress = new Progress();
    const size = readFileSync(file).length;
    const s = await importBundle({ store, source: createReadStream(file), name: 'b', size, servedNamespaces: new Set(['maas-images']), progress, log: silentLogger() });
    expect(s.warnings).toEqual([expect.stringMatching(/1 objects are in namespace somewhere-else/)]);
    expect(progress.snapshot()).toMatchObject({ doneBytes: size, totalBytes: size, doneItems: 1 });
    store.close();
  });
});
