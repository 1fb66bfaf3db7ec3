import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlobSink } from '../../src/seed/blob-sink.js';
import type { BlobEntry } from '../../src/seed/bundle/bundle-reader.js';
import { openStore } from '../../src/store/store.js';
import { sha256 } from '../helpers/bundles.js';
import { tempDir } from '../helpers/tmp.js';

function entry(path: string, listed: Buffer, actual: Buffer = listed): BlobEntry {
  const o = { ns: 'maas-images', path, sha256: sha256(listed), size: listed.length, contentType: 'x/y', lastModified: 0, fetchedAt: 0, digests: {} };
  return {
    sha256: o.sha256,
    size: o.size,
    objects: [o],
    body: (async function* () {
      for (let i = 0; i < actual.length; i += 1000) yield actual.subarray(i, i + 1000);
    })(),
  };
}

describe('BlobSink', () => {
  it('writes many payloads with their commits overlapping, all in place after settle', async () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    const sink = new BlobSink(store, 'b');
    const bodies = Array.from({ length: 40 }, (_, i) => Buffer.alloc(5000 + i, i));
    for (const [i, b] of bodies.entries()) await sink.write(entry(`/p${i}`, b));
    await sink.settle();
    expect(sink.added).toHaveLength(40);
    for (const b of bodies) expect(readFileSync(store.blobPath(sha256(b))).equals(b)).toBe(true);
    store.close();
  });

  it('a payload whose bytes differ from the list fails settle naming the object; the next write fails too', async () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    const sink = new BlobSink(store, 'bundle.tar');
    const listed = Buffer.alloc(3000, 1);
    const tampered = Buffer.from(listed);
    tampered[1234] = 2;
    await sink.write(entry('/bad', listed, tampered));
    await expect(sink.settle()).rejects.toMatchObject({ code: 'AGC_ERR_BUNDLE', message: expect.stringMatching(/^bundle bundle\.tar: object maas-images:\/bad: sha256 [0-9a-f]{64} does not match/) });
    await expect(sink.write(entry('/next', Buffer.from('x')))).rejects.toMatchObject({ code: 'AGC_ERR_BUNDLE' });
    expect(existsSync(store.blobPath(sha256(listed)))).toBe(false);
    store.close();
  });

  it('check hashes the bundle copy of bytes already stored', async () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    const sink = new BlobSink(store, 'b');
    await expect(sink.check(entry('/ok', Buffer.from('same')))).resolves.toBeUndefined();
    await expect(sink.check(entry('/x', Buffer.from('same'), Buffer.from('sane')))).rejects.toThrow(/maas-images:\/x: sha256/);
    store.close();
  });

  it('a payload cut off mid-body fails the write with the reader\'s error and leaves no temporary file', async () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    const sink = new BlobSink(store, 'b');
    const cut: BlobEntry = {
      ...entry('/cut', Buffer.alloc(5000, 3)),
      body: (async function* () {
        yield Buffer.alloc(1000, 3);
        throw new Error('archive ends early');
      })(),
    };
    await expect(sink.write(cut)).rejects.toThrow('archive ends early');
    await expect(sink.settle()).rejects.toThrow('archive ends early');
    await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(join(store.dataDir, 'tmp'))).toEqual([]);
    store.close();
  });
});
