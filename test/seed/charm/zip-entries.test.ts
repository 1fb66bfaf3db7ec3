import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readZipEntries } from '../../../src/seed/charm/zip-entries.js';
import { zipOf } from '../../helpers/fake-charmhub.js';
import { tempDir } from '../../helpers/tmp.js';

describe('reading members of a zip', () => {
  it('only the members asked for; a member over the limit and a file that is no zip are refused', async () => {
    const f = join(tempDir(), 'a.zip');
    writeFileSync(f, await zipOf({ 'metadata.yaml': 'name: x\n', 'src/charm.py': 'print()\n', 'big.bin': Buffer.alloc(5000) }));
    const m = await readZipEntries(f, (n) => n === 'metadata.yaml' || n === 'missing');
    expect([...m.keys()]).toEqual(['metadata.yaml']);
    expect(m.get('metadata.yaml')!.toString()).toBe('name: x\n');
    await expect(readZipEntries(f, (n) => n === 'big.bin', 4096)).rejects.toThrow(/big\.bin is 5000 bytes/);
    const bad = join(tempDir(), 'b.zip');
    writeFileSync(bad, 'not a zip at all');
    await expect(readZipEntries(bad, () => true)).rejects.toThrow(/not a zip archive/);
  });
});
