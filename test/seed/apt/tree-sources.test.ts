import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientCacheSuites, mirrorSuites } from '../../../src/seed/apt/tree-sources.js';
import { aptArchive } from '../../helpers/apt-archive.js';
import { tempDir } from '../../helpers/tmp.js';

const record = (name: string, version: string, filename: string) => ({ name, version, architecture: 'amd64', filename }) as never;

describe('tree sources', () => {
  it('a mirror copy gives each suite its files, falling back to by-hash for an index', async () => {
    const root = join(aptArchive(), 'ubuntu');
    const [noble] = await mirrorSuites({ root }, 'http://archive.ubuntu.com/ubuntu');
    expect(noble!.suite).toBe('noble');
    expect(noble!.release).toBe(join(root, 'dists/noble/Release'));
    expect(await noble!.index({ path: 'main/binary-amd64/Packages.xz', size: 0, hashes: {} })).toBe(join(root, 'dists/noble/main/binary-amd64/Packages.xz'));
    expect(await noble!.index({ path: 'main/binary-amd64/Packages.bz2', size: 0, hashes: {} })).toBeUndefined();
    expect(await noble!.deb(record('hello', '2.10-3', 'pool/main/h/hello/hello_2.10-3_amd64.deb'))).toBe(join(root, 'pool/main/h/hello/hello_2.10-3_amd64.deb'));
  });

  it('a client cache maps flattened list names and epoch-encoded .deb names back', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'lists'));
    mkdirSync(join(dir, 'archives'));
    writeFileSync(join(dir, 'lists/security.ubuntu.com_ubuntu_dists_noble-security_InRelease'), '');
    writeFileSync(join(dir, 'lists/security.ubuntu.com_ubuntu_dists_noble-security_main_binary-amd64_Packages'), '');
    writeFileSync(join(dir, 'archives/bash_1%3a5.2-1_amd64.deb'), '');
    const [s] = await clientCacheSuites({ lists: join(dir, 'lists'), archives: join(dir, 'archives') });
    expect([s!.url, s!.suite]).toEqual(['http://security.ubuntu.com/ubuntu', 'noble-security']);
    expect(await s!.index({ path: 'main/binary-amd64/Packages', size: 0, hashes: {} })).toBe(join(dir, 'lists/security.ubuntu.com_ubuntu_dists_noble-security_main_binary-amd64_Packages'));
    expect(await s!.deb(record('bash', '1:5.2-1', 'pool/main/b/bash/bash_5.2-1_amd64.deb'))).toBe(join(dir, 'archives/bash_1%3a5.2-1_amd64.deb'));
  });
});
