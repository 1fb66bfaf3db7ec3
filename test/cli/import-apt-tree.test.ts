import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guessUrl } from '../../src/cli/import-apt-tree.js';
import { openStore } from '../../src/store/store.js';
import { aptArchive } from '../helpers/apt-archive.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

describe('airgap-cache import DIR (APT)', () => {
  it('imports an apt-mirror tree and names the corrupt .deb it skipped', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'mirror/archive.ubuntu.com'), { recursive: true });
    cpSync(join(aptArchive(), 'ubuntu'), join(dir, 'mirror/archive.ubuntu.com/ubuntu'), { recursive: true });
    const deb = join(dir, 'mirror/archive.ubuntu.com/ubuntu/pool/main/h/hello/hello_2.10-3_amd64.deb');
    const b = readFileSync(deb);
    b[100] = b[100]! ^ 1;
    writeFileSync(deb, b);
    const data = tempDir();
    const r = await runCli(['import', dir, '--data-dir', data, '--apt-keyring', join(aptArchive(), 'keyring.gpg')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/imported APT tree .*: \d+ objects, 7 packages/);
    expect(r.stdout).toContain(`skipped ${deb}: `);
    expect(r.stdout).toMatch(/http:\/\/archive\.ubuntu\.com\/ubuntu noble: \d+ index files/);
    const store = openStore({ dataDir: data, watchIntervalMs: 0 });
    expect(store.lookup('ubuntu-archive', '/ubuntu/pool/main/h/hello/hello_2.10-3_amd64.deb')).toBeUndefined();
    expect(store.lookup('ubuntu-archive', '/ubuntu/pool/main/g/greeter/greeter_1.0_amd64.deb')).toBeDefined();
    store.close();
  });

  it('refuses a tree whose InRelease is not signed by the keyring, with nothing imported', async () => {
    const wrong = new URL('../../../shared/fixtures/keyrings/ubuntu-keyring-2018-archive.gpg', import.meta.url).pathname;
    const r = await runCli(['import', join(aptArchive(), 'ubuntu'), '--data-dir', tempDir(), '--apt-keyring', wrong]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/InRelease: signature not valid/);
  });

  it('guesses the archive of a copy without a host in its path', () => {
    expect(guessUrl('/srv/mirror/ubuntu-ports')).toBe('http://ports.ubuntu.com/ubuntu-ports');
    expect(guessUrl('/srv/mirror/ubuntu')).toBe('http://archive.ubuntu.com/ubuntu');
  });
});
