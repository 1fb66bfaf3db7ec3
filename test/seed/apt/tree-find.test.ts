import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findArchiveRoots, findClientCache, suitesOf } from '../../../src/seed/apt/tree-find.js';
import { aptArchive } from '../../helpers/apt-archive.js';
import { tempDir } from '../../helpers/tmp.js';

describe('finding APT trees', () => {
  it('an rsync or debmirror copy is its own root, with no URL', async () => {
    const root = join(aptArchive(), 'ubuntu');
    expect(await findArchiveRoots(root)).toEqual([{ root }]);
    expect(await suitesOf(root)).toEqual(['noble', 'noble-security', 'noble-updates']);
  });
  it('an apt-mirror base finds each host and path, archive and ports alike', async () => {
    const dir = tempDir();
    cpSync(join(aptArchive(), 'ubuntu'), join(dir, 'mirror/archive.ubuntu.com/ubuntu'), { recursive: true });
    cpSync(join(aptArchive(), 'ubuntu-ports'), join(dir, 'mirror/ports.ubuntu.com/ubuntu-ports'), { recursive: true });
    expect((await findArchiveRoots(dir)).map((r) => r.url)).toEqual(['http://archive.ubuntu.com/ubuntu', 'http://ports.ubuntu.com/ubuntu-ports']);
  });
  it('a client cache is found from a root, from lists/ + archives/, or from the lists directory itself', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'lists'));
    writeFileSync(join(dir, 'lists/archive.ubuntu.com_ubuntu_dists_noble_InRelease'), '');
    expect(await findClientCache(dir)).toEqual({ lists: join(dir, 'lists') });
    expect(await findClientCache(join(dir, 'lists'))).toEqual({ lists: join(dir, 'lists') });
    expect(await findClientCache(tempDir())).toBeUndefined();
  });
});
