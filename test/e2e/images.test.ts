// MAAS images end to end, in the loopback world with the real CLI: a stream laid out like
// images.maas.io (signed with a key made here) on a stand-in upstream; `seed` with filters ->
// bundle -> `import` -> `serve` offline; then a client that behaves like sstream-mirror / MAAS
// (real gpgv --keyring, filters, sha256 of every item) reads it by the real host name through the
// appliance's DNS. It passes; it fails with a wrong keyring, on unseeded items and on a tampered
// item; a newer stream imported while it downloads from the older set does not disturb it; and
// an sstream-mirror tree imported into a fresh appliance serves the same way.
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImagesStream, type StreamFixture } from '../helpers/images-stream.js';
import { sstreamClient } from '../helpers/sstream-client.js';
import { StaticUpstream } from '../helpers/static-upstream.js';
import { cliPath, run, startServe, type ServeHandle } from './harness.js';

const UPSTREAM = '127.0.0.7';
const UPORT = 8080;
const URL_ = 'http://images.maas.io/ephemeral-v3/stable/';
const wrongKeyring = new URL('../../../shared/fixtures/keyrings/ubuntu-cloudimage-keyring.gpg', import.meta.url).pathname;

let work: string;
let fx: StreamFixture;
let upstream: StaticUpstream;
let serve: ServeHandle | undefined;
let askedAfterImport = 0;

const cli = (args: string[], timeoutMs = 180_000) => run(process.execPath, [cliPath, ...args], { timeoutMs });
const ok = async (args: string[]) => {
  const r = await cli(args);
  if (r.code !== 0) throw new Error(`airgap-cache ${args[0]} failed:\n${r.stdout}\n${r.stderr}`);
  return r;
};

function manifest(file: string, max: number): string {
  writeFileSync(file, `images:\n  - stream: ${URL_}\n    keyring: ${fx.key.keyring}\n    filters: ["arch=amd64", "release~(jammy|noble)"]\n    max: ${max}\n    bootloaders: true\n`);
  return file;
}

const seedArgs = (m: string, out: string) => ['seed', m, '--out', out, '--upstream-resolve', `images.maas.io=${UPSTREAM}:${UPORT}`];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'agc-images-e2e-'));
  fx = makeImagesStream(join(work, 'stream'), { versions: ['20250701', '20250805'], squashfsBytes: 3_000_000 });
  upstream = new StaticUpstream(fx.www);
  await upstream.listen(UPORT, UPSTREAM);
  await ok(seedArgs(manifest(join(work, 'a.yaml'), 2), join(work, 'a.bundle')));
  await ok(['import', join(work, 'a.bundle'), '--data-dir', join(work, 'data'), '--images-keyring', fx.key.keyring]);
  askedAfterImport = upstream.total;
  serve = await startServe({ dataDir: join(work, 'data') });
}, 240_000);

afterAll(async () => {
  await serve?.stop();
  await upstream?.close();
});

const client = (filters: string[], extra: Partial<Parameters<typeof sstreamClient>[0]> = {}) => sstreamClient({ url: URL_, keyring: fx.key.keyring, filters, max: 1, ...extra });

describe('images.maas.io seeded with filters, imported, served offline', () => {
  it('a MAAS-like client verifies every signature with gpgv and downloads and checks its selection', async () => {
    const noble = await client(['arch=amd64', 'release=noble']);
    expect(noble.metadata).toEqual(['streams/v1/index.sjson', 'streams/v1/com.ubuntu.maas:stable:v3:download.sjson', 'streams/v1/com.ubuntu.maas:stable:1:bootloader-download.sjson']);
    expect(noble.items.map((i) => i.path).sort()).toEqual([
      'noble/amd64/20250805/ga-24.04/generic/boot-initrd',
      'noble/amd64/20250805/ga-24.04/generic/boot-kernel',
      'noble/amd64/20250805/hwe-24.04/generic/boot-initrd',
      'noble/amd64/20250805/hwe-24.04/generic/boot-kernel',
      'noble/amd64/20250805/squashfs',
      'noble/amd64/20250805/squashfs.manifest',
    ]);
    const loaders = await client(['os~(grub*|pxelinux)']);
    expect(loaders.items).toHaveLength(4);
  });

  it('the signed metadata is served byte for byte, HEAD and Range work on items', async () => {
    for (const f of ['streams/v1/index.sjson', 'streams/v1/index.json', 'streams/v1/com.ubuntu.maas:stable:v3:download.sjson']) {
      const r = await fetch(URL_ + f);
      expect(r.status, f).toBe(200);
      expect(Buffer.from(await r.arrayBuffer()).equals(readFileSync(join(fx.root, f))), f).toBe(true);
    }
    const head = await run('curl', ['-sS', '-I', `${URL_}noble/amd64/20250805/squashfs`]);
    expect(head.stdout).toMatch(/^HTTP\/1\.1 200/);
    expect(head.stdout).toMatch(/content-length: 3000000/i);
    const range = await run('bash', ['-c', `curl -sS -r 1000-1999 '${URL_}noble/amd64/20250805/squashfs' | cmp - <(dd if='${join(fx.root, 'noble/amd64/20250805/squashfs')}' bs=1000 skip=1 count=1 status=none) && echo same`]);
    expect(range.stdout.trim()).toBe('same');
  });

  it('items that were not seeded are 404, so a client that wants them fails as sstream-mirror does', async () => {
    await expect(client(['arch=arm64', 'release=noble'])).rejects.toThrow(/noble\/arm64\/20250805\/.*HTTP 404 \(ENOENT\)/);
    const r = await run('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code}', `${URL_}jammy/arm64/20250805/squashfs`]);
    expect(r.stdout).toBe('404');
  });

  it('fails with a wrong keyring', async () => {
    await expect(client(['arch=amd64'], { keyring: wrongKeyring })).rejects.toThrow(/gpgv \.\.\. exit status 2 for streams\/v1\/index\.sjson/);
  });

  it('fails on a tampered item (a byte flipped in the stored blob), and passes again once it is restored', async () => {
    const item = fx.items.find((i) => i.path === 'jammy/amd64/20250805/squashfs')!;
    const blob = join(serve!.dataDir, 'blobs/sha256', item.sha256.slice(0, 2), item.sha256);
    const flip = () => {
      const fd = openSync(blob, 'r+');
      const b = Buffer.alloc(1);
      readSync(fd, b, 0, 1, 123_456);
      b[0]! ^= 0xff;
      writeSync(fd, b, 0, 1, 123_456);
      closeSync(fd);
    };
    flip();
    try {
      await expect(client(['arch=amd64', 'release=jammy', 'ftype=squashfs'])).rejects.toThrow(/jammy\/amd64\/20250805\/squashfs: InvalidChecksum: Invalid sha256 Checksum/);
    } finally {
      flip();
    }
    await expect(client(['arch=amd64', 'release=jammy', 'ftype=squashfs'])).resolves.toMatchObject({ items: [{ sha256: item.sha256 }] });
  });

  it('status lists the complete product versions per stream', async () => {
    const r = await ok(['status', '--data-dir', serve!.dataDir, '--images-keyring', fx.key.keyring]);
    expect(r.stdout).toContain('images maas-images /ephemeral-v3/stable/\n');
    for (const rel of ['jammy', 'noble']) {
      for (const v of ['20250701', '20250805']) expect(r.stdout).toMatch(new RegExp(`^  ubuntu +${rel} +amd64 +ga-\\d\\d\\.04 +${v} +complete$`, 'm'));
    }
    expect(r.stdout).toMatch(/^ {2}grub-efi-signed +- +amd64 +- +20210819\.0 +complete$/m);
    expect(r.stdout).not.toMatch(/arm64 +[gh]/);
  });

  it('a newer stream imported while a client downloads from the older set: the client completes, later ones see the new set', async () => {
    makeImagesStream(join(work, 'stream'), { versions: ['20250805', '20250901'], squashfsBytes: 3_000_000, key: fx.key });
    await ok(seedArgs(manifest(join(work, 'b.yaml'), 2), join(work, 'b.bundle')));
    askedAfterImport = upstream.total;
    let imported: Awaited<ReturnType<typeof cli>> | undefined;
    // One download at a time: the import runs once the first item has started, so the client
    // finishes that item and asks for every later one (20250701 among them) after the switch.
    const old = await client(['arch=amd64', 'release=noble'], {
      max: 2,
      concurrency: 1,
      onFirstChunk: async () => {
        imported ??= await cli(['import', join(work, 'b.bundle'), '--data-dir', serve!.dataDir, '--images-keyring', fx.key.keyring]);
      },
    });
    expect(imported?.code, imported?.stderr).toBe(0);
    expect(old.items.filter((i) => i.path.includes('/20250701/')).length).toBe(6);
    const index = await fetch(`${URL_}streams/v1/com.ubuntu.maas:stable:v3:download.sjson`).then((r) => r.text());
    expect(index).toContain('20250901');
    expect(index).not.toContain('20250701');
    const fresh = await client(['arch=amd64', 'release=noble']);
    expect(fresh.items.every((i) => i.path.includes('/20250901/'))).toBe(true);
  });

  it('offline: the upstream, still up, was asked nothing while clients ran', () => {
    expect(askedAfterImport).toBeGreaterThan(0);
    expect(upstream.total).toBe(askedAfterImport);
  });
});

describe('an sstream-mirror tree imported into a fresh appliance', () => {
  it('serves what the tree holds, offline, to the same client; what it lacks is 404', async () => {
    await serve?.stop();
    serve = undefined;
    const mirror = join(work, 'var/www/html/maas/images/ephemeral-v3/stable');
    const direct = `http://${UPSTREAM}:${UPORT}/ephemeral-v3/stable/`;
    await sstreamClient({ url: direct, keyring: fx.key.keyring, out: mirror, max: 1, filters: ['arch=amd64', 'release=jammy'] });
    await sstreamClient({ url: direct, keyring: fx.key.keyring, out: mirror, max: 1, filters: ['os~(grub*|pxelinux)'] });
    const dataDir = join(work, 'data-tree');
    const r = await ok(['import', join(work, 'var/www/html/maas/images'), '--data-dir', dataDir, '--images-keyring', fx.key.keyring]);
    expect(r.stdout).toContain('http://images.maas.io/ephemeral-v3/stable/: 3 metadata files, 10 items');
    const asked = upstream.total;
    serve = await startServe({ dataDir });
    const jammy = await client(['arch=amd64', 'release=jammy']);
    expect(jammy.items).toHaveLength(6);
    expect(jammy.items.every((i) => i.path.includes('/20250901/'))).toBe(true);
    expect((await client(['os~(grub*|pxelinux)'])).items).toHaveLength(4);
    await expect(client(['arch=amd64', 'release=noble'])).rejects.toThrow(/HTTP 404/);
    expect(upstream.total).toBe(asked);
  });
});
