// Builds bundles for tests from in-memory objects, through the real bundle writer.
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, mkdirSync, openSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { writeBundle, type WrittenBundle } from '../../src/seed/bundle/bundle-writer.js';
import type { BundleObject } from '../../src/seed/bundle/format.js';
import { TarReader } from '../../src/seed/bundle/tar-reader.js';
import { TarWriter } from '../../src/seed/bundle/tar-writer.js';
import { tempDir } from './tmp.js';

export interface TestObject {
  ns?: string;
  path: string;
  body: Buffer | string;
  fetchedAt?: number;
  contentType?: string;
}

export const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

export async function makeBundle(objects: TestObject[], out = join(tempDir(), 'test.bundle')): Promise<{ file: string; written: WrittenBundle; objects: BundleObject[] }> {
  const blobs = tempDir();
  mkdirSync(blobs, { recursive: true });
  const list: BundleObject[] = objects.map((o) => {
    const body = Buffer.from(o.body);
    const sha = sha256(body);
    writeFileSync(join(blobs, sha), body);
    return {
      ns: o.ns ?? 'maas-images',
      path: o.path,
      sha256: sha,
      size: body.length,
      contentType: o.contentType ?? 'application/octet-stream',
      lastModified: 1_700_000_000_000,
      fetchedAt: o.fetchedAt ?? 1_700_000_000_000,
      digests: {},
    };
  });
  const written = await writeBundle(out, {
    kind: 'seed',
    manifest: 'urls: []\n',
    requested: list.map((o) => ({ section: 'urls', item: `http://images.maas.io${o.path}`, objects: [[o.ns, o.path]] })),
    objects: list,
    blobFile: (sha) => join(blobs, sha),
  });
  return { file: out, written, objects: list };
}

/** Rewrites a bundle entry by entry (names and bodies through `edit`; null drops an entry). */
export async function rewriteBundle(file: string, edit: (name: string, body: Buffer) => { name: string; body: Buffer } | null, out = join(tempDir(), 'rewritten.bundle')): Promise<string> {
  const reader = new TarReader(createReadStream(file));
  const fh = await open(out, 'w');
  const writer = new TarWriter(fh);
  for (let e = await reader.next(); e; e = await reader.next()) {
    const r = edit(e.name, await reader.readBody(e.size, 1 << 30));
    if (r) await writer.addBuffer(r.name, r.body, 0);
  }
  await writer.finish();
  await fh.close();
  return out;
}

/** Flips one byte at `offset` of the file in place. */
export function flipByte(file: string, offset: number): void {
  const fd = openSync(file, 'r+');
  const b = Buffer.alloc(1);
  readSync(fd, b, 0, 1, offset);
  b[0] = b[0]! ^ 0xff;
  writeSync(fd, b, 0, 1, offset);
  closeSync(fd);
}
