import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/schema.js';
import { silentLogger } from '../../../src/log.js';
import { findArchiveRoots, findClientCache } from '../../../src/seed/apt/tree-find.js';
import { importAptTree } from '../../../src/seed/apt/tree-import.js';
import { clientCacheSuites, mirrorSuites } from '../../../src/seed/apt/tree-sources.js';
import { openStore } from '../../../src/store/store.js';
import { aptArchive } from '../../helpers/apt-archive.js';
import { tempDir } from '../../helpers/tmp.js';

const hostGroups = configSchema.parse({}).hostGroups;
const keyring = (): string => join(aptArchive(), 'keyring.gpg');

function flip(file: string): void {
  const b = readFileSync(file);
  b[b.length - 10] = b[b.length - 10]! ^ 0xff;
  writeFileSync(file, b);
}

describe('APT tree import', () => {
  it('imports an apt-mirror tree: host from the path, every verified index and .deb; a corrupt .deb is skipped with its reason', async () => {
    const dir = tempDir();
    const tree = join(dir, 'mirror', 'archive.ubuntu.com', 'ubuntu');
    mkdirSync(join(dir, 'mirror', 'archive.ubuntu.com'), { recursive: true });
    cpSync(join(aptArchive(), 'ubuntu'), tree, { recursive: true });
    flip(join(tree, 'pool/main/g/greeter/greeter_1.0_amd64.deb'));
    const roots = await findArchiveRoots(dir);
    expect(roots).toEqual([{ root: tree, url: 'http://archive.ubuntu.com/ubuntu' }]);
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    const s = await importAptTree({ store, dir, kind: 'apt-mirror-tree', suites: await mirrorSuites(roots[0]!, roots[0]!.url!), keyrings: [keyring()], hostGroups, log: silentLogger() });
    expect(s.suites.map((x) => x.suite)).toEqual(['noble', 'noble-security', 'noble-updates']);
    expect(s.skipped).toEqual([{ file: join(tree, 'pool/main/g/greeter/greeter_1.0_amd64.deb'), why: expect.stringMatching(/sha256/) }]);
    expect(s.debs).toBe(7);
    expect(store.lookup('ubuntu-archive', '/ubuntu/dists/noble/InRelease')).toBeDefined();
    expect(store.lookup('ubuntu-archive', '/ubuntu/dists/noble/main/binary-amd64/Packages.xz')).toBeDefined();
    expect(store.lookup('ubuntu-archive', '/ubuntu/pool/main/h/hello/hello_2.10-3_amd64.deb')).toBeDefined();
    expect(store.lookup('ubuntu-archive', '/ubuntu/pool/main/g/greeter/greeter_1.0_amd64.deb')).toBeUndefined();
    const again = await importAptTree({ store, dir, kind: 'apt-mirror-tree', suites: await mirrorSuites(roots[0]!, roots[0]!.url!), keyrings: [keyring()], hostGroups, log: silentLogger() });
    expect(again.alreadyImportedAt).toBeDefined();
    store.close();
  });

  it('imports a client cache: verbatim InRelease, decompressed indices at their plain names, .debs by name', async () => {
    const dir = tempDir();
    const lists = join(dir, 'var/lib/apt/lists');
    const archives = join(dir, 'var/cache/apt/archives');
    mkdirSync(lists, { recursive: true });
    mkdirSync(archives, { recursive: true });
    const src = join(aptArchive(), 'ubuntu');
    cpSync(join(src, 'dists/noble/InRelease'), join(lists, 'archive.ubuntu.com_ubuntu_dists_noble_InRelease'));
    cpSync(join(src, 'dists/noble/main/binary-amd64/Packages'), join(lists, 'archive.ubuntu.com_ubuntu_dists_noble_main_binary-amd64_Packages'));
    cpSync(join(src, 'pool/main/h/hello/hello_2.10-3_amd64.deb'), join(archives, 'hello_2.10-3_amd64.deb'));
    cpSync(join(src, 'pool/main/g/greeter/greeter_1.0_amd64.deb'), join(archives, 'greeter_1.0_amd64.deb'));
    flip(join(archives, 'greeter_1.0_amd64.deb'));
    const cache = await findClientCache(dir);
    expect(cache).toEqual({ lists, archives });
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    const s = await importAptTree({ store, dir, kind: 'apt-client-cache', suites: await clientCacheSuites(cache!), keyrings: [keyring()], hostGroups, log: silentLogger() });
    expect(s.debs).toBe(1);
    expect(s.skipped.map((x) => x.file)).toEqual([join(archives, 'greeter_1.0_amd64.deb')]);
    expect(store.lookup('ubuntu-archive', '/ubuntu/dists/noble/main/binary-amd64/Packages')).toBeDefined();
    expect(store.lookup('ubuntu-archive', '/ubuntu/pool/main/h/hello/hello_2.10-3_amd64.deb')).toBeDefined();
    store.close();
  });

  it('refuses the whole tree when an InRelease does not verify, and the store is unchanged', async () => {
    const dir = tempDir();
    cpSync(join(aptArchive(), 'ubuntu'), join(dir, 'ubuntu'), { recursive: true });
    const inRelease = join(dir, 'ubuntu/dists/noble-updates/InRelease');
    writeFileSync(inRelease, readFileSync(inRelease, 'utf8').replace('Suite: noble-updates', 'Suite: noble-evil!'));
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    const roots = await findArchiveRoots(join(dir, 'ubuntu'));
    await expect(importAptTree({ store, dir, kind: 'apt-mirror-tree', suites: await mirrorSuites(roots[0]!, 'http://archive.ubuntu.com/ubuntu'), keyrings: [keyring()], hostGroups, log: silentLogger() })).rejects.toMatchObject({ code: 'AGC_ERR_SIGNATURE' });
    expect(store.namespaces()).toEqual([]);
    store.close();
  });
});
