import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSnapExport, withUnpacked } from '../../../src/seed/snap/export-archive.js';
import { tempDir } from '../../helpers/tmp.js';

function tarball(files: Record<string, string>): string {
  const d = tempDir();
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(d, name, '..'), { recursive: true });
    writeFileSync(join(d, name), body);
  }
  const out = join(tempDir(), 'jq-20240101T000000.tar.gz');
  execFileSync('tar', ['-czf', out, '-C', d, '.']);
  return out;
}

describe('store-admin export tarballs', () => {
  it('are gzip tars with .snap members', async () => {
    expect(await isSnapExport(tarball({ 'blobs/jq_6.snap': 's', 'jq_6.assert': 'a', 'meta.json': '{}' }))).toBe(true);
    expect(await isSnapExport(tarball({ 'readme.txt': 'x' }))).toBe(false);
    const plain = join(tempDir(), 'b');
    writeFileSync(plain, 'not gzip');
    expect(await isSnapExport(plain)).toBe(false);
    expect(await isSnapExport('/nonexistent')).toBe(false);
  });

  it('are unpacked into a private directory that is removed afterwards, even on failure', async () => {
    let seen = '';
    const files = await withUnpacked(tarball({ 'a/jq_6.snap': 's', 'a/jq_6.assert': 'x' }), async (dir) => {
      seen = dir;
      return readdirSync(join(dir, 'a')).sort();
    });
    expect(files).toEqual(['jq_6.assert', 'jq_6.snap']);
    expect(existsSync(seen)).toBe(false);
    await expect(withUnpacked(tarball({ 'x.snap': '' }), async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const broken = join(tempDir(), 'broken.tar.gz');
    writeFileSync(broken, Buffer.from([0x1f, 0x8b, 0, 0]));
    await expect(withUnpacked(broken, async () => 1)).rejects.toMatchObject({ code: 'AGC_ERR_MIRROR' });
  });
});
