import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ObjectIndex } from '../../src/store/object-index.js';
import type { ObjectMeta } from '../../src/store/types.js';
import { tempDir } from '../helpers/tmp.js';

const meta = (path: string, size = 1): ObjectMeta => ({
  ns: 'ns', path, sha256: 'a'.repeat(64), size, contentType: 'text/plain', lastModified: 1, etag: '"e"', digests: { sha512: 'f' }, source: 'test', storedAt: 2,
});

describe('ObjectIndex', () => {
  it('round-trips metadata, including digests, across a reopen', () => {
    const file = join(tempDir(), 'index.sqlite');
    const a = new ObjectIndex(file, 10);
    a.putMany([meta('/odd: name %41 ü')]);
    a.close();
    const b = new ObjectIndex(file, 10);
    expect(b.get('ns', '/odd: name %41 ü')).toEqual(meta('/odd: name %41 ü'));
    b.close();
  });

  it('an upsert replaces the entry and the cached copy', () => {
    const idx = new ObjectIndex(join(tempDir(), 'i.sqlite'), 10);
    idx.putMany([meta('/p', 1)]);
    expect(idx.get('ns', '/p')!.size).toBe(1);
    idx.putMany([meta('/p', 2)]);
    expect(idx.get('ns', '/p')!.size).toBe(2);
    idx.delete('ns', '/p');
    expect(idx.get('ns', '/p')).toBeUndefined();
    idx.close();
  });

  it('counts objects and bytes per namespace and knows which blobs are referenced', () => {
    const idx = new ObjectIndex(join(tempDir(), 'i.sqlite'), 10);
    idx.putMany([meta('/a', 3), meta('/b', 4)]);
    expect(idx.countByNamespace()).toEqual([{ ns: 'ns', objects: 2, bytes: 7 }]);
    expect(idx.isReferenced('a'.repeat(64))).toBe(true);
    expect(idx.isReferenced('b'.repeat(64))).toBe(false);
    expect([...idx.all()].map((m) => m.path)).toEqual(['/a', '/b']);
    idx.close();
  });

  it('lists the entries under a path prefix, and nothing beside it', () => {
    const idx = new ObjectIndex(join(tempDir(), 'i.sqlite'), 10);
    idx.putMany([meta('/@snap/channels/a/amd64/latest/stable'), meta('/@snap/channels/a/arm64/latest/edge'), meta('/@snap/channels/ab/amd64/latest/stable'), meta('/@snap/channels/a0'), meta('/@snap/channels/a')]);
    expect(idx.listPrefix('ns', '/@snap/channels/a/').map((m) => m.path)).toEqual(['/@snap/channels/a/amd64/latest/stable', '/@snap/channels/a/arm64/latest/edge']);
    expect(idx.listPrefix('other', '/@snap/channels/a/')).toEqual([]);
    idx.close();
  });
});
