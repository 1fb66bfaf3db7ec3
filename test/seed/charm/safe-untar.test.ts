import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listTar, safeEntryName, safeUntar } from '../../../src/seed/charm/safe-untar.js';
import { tempDir } from '../../helpers/tmp.js';
import { tarGz } from './export-fixture.js';

const write = (b: Buffer) => {
  const f = join(tempDir(), 'x.tar.gz');
  writeFileSync(f, b);
  return f;
};

describe('unpacking an export safely', () => {
  it('files and directories below the target', async () => {
    const f = write(tarGz([{ name: 'a/', flag: '5' }, { name: 'a/b.txt', data: 'hello' }, { name: './c', data: 'x' }]));
    const dir = tempDir();
    expect(await safeUntar(f, dir)).toEqual(['a/b.txt', 'c']);
    expect(readFileSync(join(dir, 'a/b.txt'), 'utf8')).toBe('hello');
    expect(await listTar(f)).toEqual(['a/', 'a/b.txt', './c']);
  });

  it.each([
    ['../evil', /entry "\.\.\/evil" climbs out of the archive/],
    ['a/../../evil', /entry "a\/\.\.\/\.\.\/evil" climbs out/],
    ['/etc/passwd', /entry "\/etc\/passwd" is an absolute path/],
  ])('refuses %s, naming it', async (name, why) => {
    await expect(safeUntar(write(tarGz([{ name: 'ok', data: '1' }, { name, data: 'x' }])), tempDir())).rejects.toThrow(why);
  });

  it('refuses a symbolic link and a hard link, naming them', async () => {
    await expect(safeUntar(write(tarGz([{ name: 'link', flag: '2' }])), tempDir())).rejects.toThrow(/entry "link" is a symbolic link, not a file/);
    await expect(safeUntar(write(tarGz([{ name: 'hard', flag: '1' }])), tempDir())).rejects.toThrow(/entry "hard" is a hard link/);
  });

  it('a file that is no tar is an error; safeEntryName keeps clean names', async () => {
    const f = join(tempDir(), 'n');
    writeFileSync(f, 'not a tar at all, just some bytes that are long enough to fill a block'.repeat(10));
    await expect(safeUntar(f, tempDir())).rejects.toThrow(/cannot unpack/);
    expect(await listTar(f)).toBeUndefined();
    expect(safeEntryName('./x//y/', 'a')).toBe('x/y');
  });
});
