import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { putBytes } from '../../src/store/put-bytes.js';
import { openStore } from '../../src/store/store.js';
import { tempDir } from '../helpers/tmp.js';

describe('putBytes', () => {
  it('writes each as a blob and commits all entries with their metadata', async () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    try {
      const metas = await putBytes(store, [
        { ns: 'snap-store', path: '/v2/assertions/account/x', bytes: Buffer.from('type: account\n'), contentType: 'application/x.ubuntu.assertion', source: 'fill' },
        { ns: 'snap-store', path: '/@snap/name/x', bytes: Buffer.from('{}'), contentType: 'application/json', digests: { 'sha3-384': 'ab' }, source: 'fill' },
      ]);
      expect(metas).toHaveLength(2);
      const a = store.lookup('snap-store', '/v2/assertions/account/x')!;
      expect(a).toMatchObject({ size: 14, contentType: 'application/x.ubuntu.assertion', source: 'fill' });
      expect(readFileSync(store.blobPath(a.sha256), 'utf8')).toBe('type: account\n');
      expect(store.lookup('snap-store', '/@snap/name/x')!.digests).toEqual({ 'sha3-384': 'ab' });
      expect(await putBytes(store, [])).toEqual([]);
    } finally {
      store.close();
    }
  });
});
