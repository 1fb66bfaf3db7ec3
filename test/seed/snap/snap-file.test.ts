import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSnapYamlText, sha3AndSize } from '../../../src/seed/snap/snap-file.js';
import { makeSnapFile } from '../../helpers/snap-file.js';
import { fixtureDir, helloSnap, sha3hex } from '../../helpers/snap-records.js';
import { tempDir } from '../../helpers/tmp.js';

describe('reading .snap files', () => {
  it('sha3-384 and size as the store announces them', async () => {
    expect(await sha3AndSize(`${fixtureDir}hello-lhc_4.snap`)).toEqual({ sha3hex: sha3hex(helloSnap()), size: 4096 });
  });
  it('meta/snap.yaml through unsquashfs, and a clear error for anything else', async () => {
    expect(await readSnapYamlText(`${fixtureDir}hello-lhc_4.snap`)).toMatch(/^apps:\n {2}hello-lhc:/);
    const made = join(tempDir(), 'm_1.snap');
    makeSnapFile(made, "name: m\nversion: '1'\n");
    expect(await readSnapYamlText(made)).toBe("name: m\nversion: '1'\n");
    const junk = join(tempDir(), 'junk.snap');
    writeFileSync(junk, 'not squashfs');
    await expect(readSnapYamlText(junk)).rejects.toMatchObject({ code: 'AGC_ERR_MIRROR', message: expect.stringContaining('is not a readable snap') });
  });
});
