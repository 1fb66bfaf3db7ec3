import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { putComposed } from '../../src/seed/composed.js';
import { tempDir } from '../helpers/tmp.js';

describe('putComposed', () => {
  it('writes the bytes under their sha256 and describes them as a bundle object', async () => {
    const dir = tempDir();
    const bytes = Buffer.from('{"name":"x"}\n');
    const o = await putComposed({ blobFile: (sha) => join(dir, sha) }, { ns: 'snap-store', path: '/@snap/names/x', bytes, contentType: 'application/json', url: 'https://api.snapcraft.io/v2/snaps/info/x' });
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(o).toMatchObject({ ns: 'snap-store', path: '/@snap/names/x', sha256: sha, size: bytes.length, contentType: 'application/json', digests: {}, url: 'https://api.snapcraft.io/v2/snaps/info/x' });
    expect(readFileSync(join(dir, sha))).toEqual(bytes);
    expect(readdirSync(dir)).toEqual([sha]);
    const again = await putComposed({ blobFile: (s) => join(dir, s) }, { ns: 'n', path: '/p', bytes, contentType: 'x' });
    expect(again.url).toBeUndefined();
  });
});
