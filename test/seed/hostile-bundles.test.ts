// Hostile bundles: tar entries that are not regular files (symlinks, hard links, devices, fifos),
// absolute names, the same path listed twice with different content, an object list lying about
// a size. Each is refused naming the entry, and the store is left exactly as it was.
import { createReadStream, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { importBundle } from '../../src/seed/importer.js';
import { openStore, type Store } from '../../src/store/store.js';
import { makeBundle, rewriteBundle, sha256 } from '../helpers/bundles.js';
import { tempDir } from '../helpers/tmp.js';

const open = (): Store => openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
const run = (store: Store, file: string) => importBundle({ store, source: createReadStream(file), name: file, log: silentLogger() });

function snapshot(store: Store) {
  const dir = join(store.dataDir, 'blobs');
  const blobs = existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).filter((p) => /[0-9a-f]{64}$/.test(p)).sort() : [];
  return { entries: [...store.entries()], blobs, imports: store.importRecords() };
}

/** Rewrites the tar header of the entry named `name` in place: another typeflag (and link name). */
function retype(file: string, name: string, flag: string, linkName = ''): void {
  const bytes = readFileSync(file);
  const at = bytes.indexOf(Buffer.from(name + '\0'));
  if (at < 0 || at % 512 !== 0) throw new Error(`no header for ${name}`);
  bytes.write(flag, at + 156, 'latin1');
  bytes.fill(0, at + 157, at + 257);
  bytes.write(linkName, at + 157, 'latin1');
  bytes.fill(' ', at + 148, at + 156);
  let sum = 0;
  for (let i = at; i < at + 512; i++) sum += bytes[i]!;
  bytes.write(sum.toString(8).padStart(6, '0') + '\0 ', at + 148, 'latin1');
  writeFileSync(file, bytes);
}

async function withEarlierImport(): Promise<{ store: Store; before: ReturnType<typeof snapshot> }> {
  const store = open();
  await run(store, (await makeBundle([{ path: '/kept', body: 'already here' }])).file);
  return { store, before: snapshot(store) };
}

const body = Buffer.alloc(5000, 0x42);
const blobName = `blobs/sha256/${sha256(body).slice(0, 2)}/${sha256(body)}`;

describe('hostile bundles', () => {
  it.each([
    ['a symlink', '2', '/etc/shadow'],
    ['a hard link', '1', '../../../../etc/passwd'],
    ['a character device', '3', ''],
    ['a block device', '4', ''],
    ['a fifo', '6', ''],
    ['a directory', '5', ''],
  ])('a payload entry that is %s is refused naming the entry; nothing is visible or left behind', async (_what, flag, link) => {
    const { store, before } = await withEarlierImport();
    const { file } = await makeBundle([{ path: '/first', body: 'fine' }, { path: '/evil.img', body }]);
    retype(file, blobName, flag, link);
    await expect(run(store, file)).rejects.toMatchObject({ code: 'AGC_ERR_BUNDLE', message: expect.stringContaining(`entry "${blobName}" is not a regular file (type "${flag}")`) });
    expect(snapshot(store)).toEqual(before);
    expect(readdirSync(join(store.dataDir, 'tmp'))).toEqual([]);
    store.close();
  });

  it('a payload entry with an absolute name is refused naming it', async () => {
    const { store, before } = await withEarlierImport();
    const { file } = await makeBundle([{ path: '/evil.img', body }]);
    const evil = await rewriteBundle(file, (name, b) => ({ name: name.startsWith('blobs/') ? `/tmp/${sha256(body)}` : name, body: b }));
    await expect(run(store, evil)).rejects.toThrow(/unexpected entry "\/tmp\//);
    expect(snapshot(store)).toEqual(before);
    store.close();
  });

  it('the same path listed twice with different content is refused naming the path, before any payload is written', async () => {
    const { store, before } = await withEarlierImport();
    const { file } = await makeBundle([
      { path: '/dists/noble/InRelease', body: 'one signed text' },
      { path: '/dists/noble/InRelease', body: 'another signed text' },
    ]);
    await expect(run(store, file)).rejects.toMatchObject({ code: 'AGC_ERR_BUNDLE', message: expect.stringContaining('maas-images:/dists/noble/InRelease') });
    expect(snapshot(store)).toEqual(before);
    store.close();
  });

  it('an object list that lies about a size is refused naming the object', async () => {
    const { store, before } = await withEarlierImport();
    const { file } = await makeBundle([{ path: '/sized.img', body }]);
    // A payload one byte longer than the object list says: the size check names the object.
    const longer = await rewriteBundle(file, (name, b) => ({ name, body: name.startsWith('blobs/') ? Buffer.concat([b, Buffer.from('!')]) : b }));
    await expect(run(store, longer)).rejects.toThrow(/maas-images:\/sized\.img: payload has 5001 bytes, the object list says 5000/);
    expect(snapshot(store)).toEqual(before);
    store.close();
  });
});
