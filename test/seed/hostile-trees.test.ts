// Hostile mirror trees at the import door: a link out of the tree or a special file refuses the
// whole tree before anything is read, naming the entry; a client cache given as a system root is
// only checked (and read) in its two APT directories.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectImportSource } from '../../src/seed/import-source.js';
import { tempDir } from '../helpers/tmp.js';

describe('hostile mirror trees', () => {
  it('an APT mirror copy with a pool file linked to a secret outside is refused naming the link', async () => {
    const d = tempDir();
    mkdirSync(join(d, 'dists/noble'), { recursive: true });
    mkdirSync(join(d, 'pool/main/h/hello'), { recursive: true });
    writeFileSync(join(d, 'dists/noble/InRelease'), 'signed');
    const secret = join(tempDir(), 'ca.key');
    writeFileSync(secret, '-----BEGIN PRIVATE KEY-----\n');
    symlinkSync(secret, join(d, 'pool/main/h/hello/hello_1_amd64.deb'));
    await expect(detectImportSource(d)).rejects.toMatchObject({
      code: 'AGC_ERR_MIRROR',
      message: `${d}/pool/main/h/hello/hello_1_amd64.deb is a symbolic link out of the tree (to ${secret}); the tree is refused, nothing was imported`,
    });
  });

  it('an sstream-mirror output holding a fifo is refused naming it (reading it would hang the import)', async () => {
    const d = tempDir();
    mkdirSync(join(d, 'streams/v1'), { recursive: true });
    writeFileSync(join(d, 'streams/v1/index.sjson'), '{}');
    mkdirSync(join(d, 'noble/amd64'), { recursive: true });
    execFileSync('mkfifo', [join(d, 'noble/amd64/squashfs')]);
    await expect(detectImportSource(d)).rejects.toThrow(`${d}/noble/amd64/squashfs is a fifo, not a regular file`);
  });

  it('a client cache given as a system root is checked only in its lists and archives', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'var/lib/apt/lists/partial'), { recursive: true });
    mkdirSync(join(root, 'var/cache/apt/archives'), { recursive: true });
    writeFileSync(join(root, 'var/lib/apt/lists/archive.ubuntu.com_ubuntu_dists_noble_InRelease'), 'signed');
    mkdirSync(join(root, 'dev'));
    execFileSync('mkfifo', [join(root, 'dev/initctl')]); // a system's /dev: not the cache's business
    expect(await detectImportSource(root)).toMatchObject({ kind: 'tree', tree: 'apt-client-cache' });
    symlinkSync('/etc/shadow', join(root, 'var/cache/apt/archives/evil_1_amd64.deb'));
    await expect(detectImportSource(root)).rejects.toThrow(/archives\/evil_1_amd64\.deb is a symbolic link out of the tree/);
  });
});
