import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTreeEntries } from '../../src/seed/tree-guard.js';
import { tempDir } from '../helpers/tmp.js';

function tree(): string {
  const d = tempDir();
  mkdirSync(join(d, 'dists/noble/main/binary-amd64/by-hash/SHA256'), { recursive: true });
  writeFileSync(join(d, 'dists/noble/InRelease'), 'signed');
  writeFileSync(join(d, 'dists/noble/main/binary-amd64/Packages'), 'Package: a\n');
  return d;
}

describe('checkTreeEntries', () => {
  it('accepts files, directories, links that stay inside (by-hash, suite aliases), hard links and dangling links', async () => {
    const d = tree();
    symlinkSync('../../Packages', join(d, 'dists/noble/main/binary-amd64/by-hash/SHA256/abc'));
    symlinkSync('noble', join(d, 'dists/stable'));
    linkSync(join(d, 'dists/noble/InRelease'), join(d, 'dists/noble/InRelease.hard'));
    symlinkSync('/nonexistent/gone', join(d, 'dists/dangling'));
    await expect(checkTreeEntries(d)).resolves.toBeUndefined();
  });

  it.each([
    ['a link to a file outside', (d: string) => symlinkSync('/etc/passwd', join(d, 'dists/noble/main/binary-amd64/Packages.gz')), 'is a symbolic link out of the tree (to /etc/passwd)'],
    ['a relative link climbing out', (d: string) => symlinkSync('../../../../..', join(d, 'dists/noble/up')), 'is a symbolic link out of the tree'],
    ['a link to a device', (d: string) => symlinkSync('/dev/zero', join(d, 'dists/noble/main/binary-amd64/Packages.xz')), 'is a symbolic link out of the tree (to /dev/zero)'],
    ['a fifo', (d: string) => execFileSync('mkfifo', [join(d, 'dists/noble/main/binary-amd64/Packages.xz')]), 'is a fifo, not a regular file'],
  ])('refuses %s, naming the entry', async (_what, make, why) => {
    const d = tree();
    make(d);
    await expect(checkTreeEntries(d)).rejects.toMatchObject({ code: 'AGC_ERR_MIRROR', message: expect.stringMatching(new RegExp(`^${d}/dists/noble/\\S+ ${why.replace(/[()/.]/g, '\\$&')}`)) });
  });

  it('refuses a link inside the tree that points at a device through another link', async () => {
    const d = tree();
    mkdirSync(join(d, 'dev'));
    execFileSync('mkfifo', [join(d, 'dev/pipe')]);
    await expect(checkTreeEntries(d)).rejects.toThrow(/dev\/pipe is a fifo/);
  });
});
