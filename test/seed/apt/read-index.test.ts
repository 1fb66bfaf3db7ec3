import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readIndexText } from '../../../src/seed/apt/read-index.js';
import { tempDir } from '../../helpers/tmp.js';

describe('readIndexText', () => {
  it('reads plain, gzip and xz indices to the same text', async () => {
    const dir = tempDir();
    const text = 'Package: a\nVersion: 1\n';
    writeFileSync(join(dir, 'Packages'), text);
    writeFileSync(join(dir, 'Packages.gz'), gzipSync(text));
    execFileSync('xz', ['-k', join(dir, 'Packages')]);
    for (const name of ['Packages', 'Packages.gz', 'Packages.xz']) expect(await readIndexText(join(dir, name), `main/binary-amd64/${name}`)).toBe(text);
  });
  it('names the index when it cannot be decompressed', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad'), 'not xz');
    await expect(readIndexText(join(dir, 'bad'), 'main/binary-amd64/Packages.xz')).rejects.toThrow(/Packages\.xz: xz failed/);
  });
});
