// Faults, in the test world (root, own mount namespace): a full disk during an online fill, an
// import and a seed (a fixed-size tmpfs); kill -9 in the middle of imports; too few file
// descriptors. After each: a clear error, nothing partial visible, cached content still served,
// and recovery without a restart once the cause is gone.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { makeBundle } from '../helpers/bundles.js';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { cliPath, run, startServe, type ServeHandle } from './harness.js';

const UPSTREAM = '127.0.0.2';
const UPORT = 8080;
const resolveFlag = ['--upstream-resolve', `images.maas.io=${UPSTREAM}:${UPORT}`];
const MiB = 1024 * 1024;

const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
/** Bytes that do not compress and differ per seed, so sizes on disk are what they say. */
const noise = (size: number, seed: number): Buffer => {
  const out = Buffer.alloc(size);
  let x = seed * 2654435761;
  for (let i = 0; i < size; i += 4) {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    out.writeUInt32LE(x, i);
  }
  return out;
};

const cli = (args: string[], timeoutMs = 120_000) => run(process.execPath, [cliPath, ...args], { timeoutMs });
const curl = (args: string[]) => run('curl', ['-sS', '--max-time', '30', ...args]);

let root: string;
const mounts: string[] = [];

/** A tmpfs of `size` at a new directory under root: the "disk" a test fills. */
function smallDisk(name: string, size: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0755`, 'tmpfs', dir]);
  mounts.push(dir);
  return dir;
}

function resize(dir: string, size: string): void {
  execFileSync('mount', ['-o', `remount,size=${size}`, dir]);
}

/** Temporary files the store left under its data directory. */
function leftovers(dataDir: string): string[] {
  const tmp = join(dataDir, 'tmp');
  return existsSync(tmp) ? readdirSync(tmp) : [];
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'agc-faults-'));
});
afterAll(() => {
  for (const m of mounts.reverse()) execFileSync('umount', ['-l', m]);
  rmSync(root, { recursive: true, force: true });
});

describe('disk full', () => {
  let upstream: FakeUpstream;
  let serve: ServeHandle | undefined;
  const small = noise(64 * 1024, 1);
  const big = noise(16 * MiB, 2);

  beforeAll(async () => {
    upstream = new FakeUpstream().put('/small.bin', small).put('/big.img', big);
    await upstream.listen(UPORT, UPSTREAM);
  });
  afterAll(async () => {
    await serve?.stop();
    await upstream.close();
  });

  it('an online fill: clear error naming the path and size, nothing partial, cached content served, recovers once space is freed', { timeout: 120_000 }, async () => {
    const disk = smallDisk('fill', '8m');
    const dataDir = join(disk, 'data');
    serve = await startServe({ dataDir, args: ['--mode', 'online', ...resolveFlag] });
    const url = (p: string) => `http://images.maas.io${p}`;
    const fetchSha = (p: string) => run('sh', ['-c', `curl -sS --fail --max-time 30 '${url(p)}' | sha256sum`]);

    expect((await fetchSha('/small.bin')).stdout.split(' ')[0]).toBe(sha(small));
    const failed = await curl(['-o', '/dev/null', '-w', '%{http_code} %{size_download}', url('/big.img')]);
    const [status, got] = failed.stdout.split(' ').map(Number);
    // Either an error status, or the headers went out and the body was cut: never all of it.
    expect(failed.code !== 0 || status! >= 500).toBe(true);
    expect(got).toBeLessThan(big.length);
    const log = serve.output();
    expect(log).toMatch(/images\.maas\.io\/big\.img: disk full in \S+: needs 16777216 bytes, \d+ free/);
    expect(leftovers(dataDir)).toEqual([]);

    // Cached content is still served, the failed object is not, and asking again fails the same way.
    expect((await fetchSha('/small.bin')).stdout.split(' ')[0]).toBe(sha(small));
    expect(await curl(['-o', '/dev/null', '-w', '%{http_code}', url('/small.bin')])).toMatchObject({ stdout: '200' });
    const again = await curl(['-o', '/dev/null', '-w', '%{http_code} %{size_download}', url('/big.img')]);
    expect(Number(again.stdout.split(' ')[1])).toBeLessThan(big.length);

    // Space freed (the tmpfs grown): the next request fills and serves it, no restart.
    resize(disk, '64m');
    expect((await fetchSha('/big.img')).stdout.split(' ')[0]).toBe(sha(big));
    expect(upstream.count('/small.bin')).toBe(1);
    await serve.stop();
    serve = undefined;
    const verified = await cli(['verify', '--data-dir', dataDir]);
    expect(verified).toMatchObject({ code: 0, stdout: expect.stringContaining('all good') });
  });

  it('an import: fails naming the bundle object and the bytes needed, store exactly as before; succeeds once space is freed', { timeout: 120_000 }, async () => {
    const disk = smallDisk('import', '8m');
    const dataDir = join(disk, 'data');
    const kept = await makeBundle([{ path: '/kept.bin', body: small }], join(root, 'kept.bundle'));
    expect(await cli(['import', kept.file, '--data-dir', dataDir])).toMatchObject({ code: 0 });
    const bundle = await makeBundle([{ path: '/first.bin', body: noise(MiB, 3) }, { path: '/zz-big.img', body: big }], join(root, 'big.bundle'));

    const failed = await cli(['import', bundle.file, '--data-dir', dataDir]);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/maas-images:\/zz-big\.img: disk full in \S+: needs 16777216 bytes, \d+ free/);
    expect(leftovers(dataDir)).toEqual([]);
    const store = openStore({ dataDir, watchIntervalMs: 0 });
    try {
      expect(store.lookup('maas-images', '/kept.bin')).toBeDefined();
      expect(store.lookup('maas-images', '/first.bin')).toBeUndefined();
      expect(store.lookup('maas-images', '/zz-big.img')).toBeUndefined();
    } finally {
      store.close();
    }
    expect(await cli(['verify', '--data-dir', dataDir])).toMatchObject({ code: 0 });

    resize(disk, '64m');
    expect(await cli(['import', bundle.file, '--data-dir', dataDir])).toMatchObject({ code: 0 });
    const after = openStore({ dataDir, watchIntervalMs: 0 });
    try {
      expect(after.lookup('maas-images', '/zz-big.img')?.sha256).toBe(sha(big));
    } finally {
      after.close();
    }
  });

  it('a seed: fails naming the output and the bytes needed, leaves no partial bundle; succeeds once space is freed', { timeout: 120_000 }, async () => {
    const disk = smallDisk('seed', '8m');
    const manifest = join(root, 'seed.yaml');
    writeFileSync(manifest, 'urls:\n  - http://images.maas.io/small.bin\n  - http://images.maas.io/big.img\n');
    const out = join(disk, 'out.bundle');
    const failed = await cli(['seed', manifest, '--out', out, ...resolveFlag]);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(new RegExp(`big\\.img: disk full in ${disk}\\S*: needs 16777216 bytes, \\d+ free`));
    expect(failed.stderr).not.toContain('retrying');
    expect(readdirSync(disk).filter((n) => n.endsWith('.bundle'))).toEqual([]);

    resize(disk, '64m');
    expect(await cli(['seed', manifest, '--out', out, ...resolveFlag])).toMatchObject({ code: 0 });
    expect(existsSync(out)).toBe(true);
  });
});
