// `airgap-cache import DIR` with an sstream-mirror tree, spawned as an admin runs it, then
// `airgap-cache status` showing what MAAS could import; a damaged tree leaves the store untouched.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { imagesFixture, type StreamFixture } from '../helpers/images-stream.js';
import { sstreamClient } from '../helpers/sstream-client.js';
import { StaticUpstream } from '../helpers/static-upstream.js';
import { tempDir } from '../helpers/tmp.js';

let fx: StreamFixture;
let upstream: StaticUpstream;
let web: string;
beforeAll(async () => {
  fx = imagesFixture({ versions: ['20250805'], squashfsBytes: 2000 });
  upstream = new StaticUpstream(fx.www);
  const port = await upstream.listen(0, '127.0.0.1');
  web = join(fx.www, '..', 'var/www/html/maas/images');
  const url = `http://127.0.0.1:${port}/ephemeral-v3/stable/`;
  await sstreamClient({ url, keyring: fx.key.keyring, out: join(web, 'ephemeral-v3/stable'), max: 1, filters: ['arch=amd64', 'release=jammy'] });
  await sstreamClient({ url, keyring: fx.key.keyring, out: join(web, 'ephemeral-v3/stable'), max: 1, filters: ['os~(grub*|pxelinux)'] });
});
afterAll(() => upstream.close());

describe('airgap-cache import DIR (sstream-mirror tree)', () => {
  it('imports the tree, then status lists the complete versions', async () => {
    const dataDir = tempDir();
    const r = await runCli(['import', web, '--data-dir', dataDir, '--images-keyring', fx.key.keyring]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/imported sstream-mirror tree .*maas\/images \([0-9a-f]{12}\): 13 objects\n {2}added 13, replaced 0, unchanged 0, kept newer 0/);
    expect(r.stdout).toContain('http://images.maas.io/ephemeral-v3/stable/: 3 metadata files, 10 items (18 listed items not in the tree: they stay 404)');
    const st = await runCli(['status', '--data-dir', dataDir, '--images-keyring', fx.key.keyring]);
    expect(st.code, st.stderr).toBe(0);
    expect(st.stdout).toContain('images maas-images /ephemeral-v3/stable/\n');
    expect(st.stdout).toMatch(/^ {2}ubuntu +jammy +amd64 +ga-22\.04 +20250805 +complete$/m);
    expect(st.stdout).toMatch(/^ {2}ubuntu +jammy +amd64 +hwe-22\.04 +20250805 +complete$/m);
    expect(st.stdout).toMatch(/^ {2}pxelinux +- +i386 +- +20210819\.0 +complete$/m);
    expect(st.stdout).not.toMatch(/noble|arm64 +ga/);
    const json = JSON.parse((await runCli(['status', '--json', '--data-dir', dataDir, '--images-keyring', fx.key.keyring])).stdout) as { images: { versions: unknown[] }[] };
    expect(json.images[0]!.versions).toHaveLength(2 + 3);
  });

  it('a tampered item fails naming the file, and nothing is imported', async () => {
    const copy = join(tempDir(), 'ephemeral-v3/stable');
    cpSync(join(web, 'ephemeral-v3/stable'), copy, { recursive: true });
    const f = join(copy, 'jammy/amd64/20250805/squashfs');
    const body = readFileSync(f);
    body[0]! ^= 1;
    writeFileSync(f, body);
    const dataDir = tempDir();
    const r = await runCli(['import', copy, '--data-dir', dataDir, '--images-keyring', fx.key.keyring]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`airgap-cache: ${f} sha256`);
    expect((await runCli(['status', '--data-dir', dataDir])).stdout).toMatch(/the cache is empty/);
  });

  it('a directory that is no mirror is refused', async () => {
    const r = await runCli(['import', tempDir(), '--data-dir', tempDir()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is a directory but not a mirror tree the appliance knows; expected an sstream-mirror output/);
  });
});
