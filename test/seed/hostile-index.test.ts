// Compression bombs in the APT index paths that decompress (tree import, seeding): a small file
// that expands far past the cap fails naming the index, for gzip, xz and bzip2 alike.
import { constants } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_INDEX_BYTES, readIndexText } from '../../src/seed/apt/read-index.js';
import { tempDir } from '../helpers/tmp.js';

const EXPANDED = 64 * 1024 * 1024;
const CAP = 8 * 1024 * 1024;

function bombs(): Record<string, string> {
  const dir = tempDir();
  const plain = join(dir, 'Packages');
  writeFileSync(plain, Buffer.alloc(EXPANDED, 0x20));
  writeFileSync(`${plain}.gz`, gzipSync(Buffer.alloc(EXPANDED, 0x20), { level: 9 }));
  execFileSync('xz', ['-k', '-1', plain]);
  execFileSync('bzip2', ['-k', '-9', plain]);
  return { gz: `${plain}.gz`, xz: `${plain}.xz`, bz2: `${plain}.bz2` };
}

describe('compression bombs in APT indices', () => {
  it('refuses each compressed form past the cap, naming the index, and reads it under a larger cap', { timeout: 60_000 }, async () => {
    const files = bombs();
    for (const [ext, file] of Object.entries(files)) {
      const path = `dists/noble/main/binary-amd64/Packages.${ext}`;
      await expect(readIndexText(file, path, CAP)).rejects.toMatchObject({
        code: 'AGC_ERR_SEED',
        message: `${path}: decompresses to more than ${CAP} bytes (a compression bomb?); refused`,
      });
      expect((await readIndexText(file, path, EXPANDED)).length).toBe(EXPANDED);
    }
  });

  it('has a default cap above any real index and below the longest string V8 can hold', () => {
    expect(MAX_INDEX_BYTES).toBeGreaterThan(256 * 1024 * 1024);
    expect(MAX_INDEX_BYTES).toBeLessThanOrEqual(constants.MAX_STRING_LENGTH);
  });
});
