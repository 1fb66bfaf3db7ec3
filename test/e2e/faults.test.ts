// Faults, in the test world (root, own mount namespace): a full disk during an online fill, an
// import and a seed (a fixed-size tmpfs); kill -9 in the middle of imports; too few file
// descriptors. After each: a clear error, nothing partial visible, cached content still served,
// and recovery without a restart once the cause is gone.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { makeBundle } from '../helpers/bundles.js';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { cliPath, repoRoot, run, startServe, type ServeHandle } from './harness.js';

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
    // The log is written asynchronously: give the line a moment to arrive.
    const diskFull = /images\.maas\.io\/big\.img: disk full in \S+: needs 16777216 bytes, \d+ free/;
    for (let i = 0; i < 50 && !diskFull.test(serve.output()); i++) await new Promise((r) => setTimeout(r, 100));
    expect(serve.output()).toMatch(diskFull);
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

  it('an import: fails naming the bundle and the bytes needed before writing, store exactly as before; succeeds once space is freed', { timeout: 120_000 }, async () => {
    const disk = smallDisk('import', '8m');
    const dataDir = join(disk, 'data');
    const kept = await makeBundle([{ path: '/kept.bin', body: small }], join(root, 'kept.bundle'));
    expect(await cli(['import', kept.file, '--data-dir', dataDir])).toMatchObject({ code: 0 });
    const bundle = await makeBundle([{ path: '/first.bin', body: noise(MiB, 3) }, { path: '/zz-big.img', body: big }], join(root, 'big.bundle'));

    const failed = await cli(['import', bundle.file, '--data-dir', dataDir]);
    expect(failed.code).not.toBe(0);
    // Checked before anything is written: the payloads the store lacks against its free space.
    expect(failed.stderr).toMatch(new RegExp(`big\\.bundle: disk full in ${dataDir}: the import needs ${MiB + big.length} bytes, \\d+ free; nothing was written`));
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

/** Starts `airgap-cache ARGS`, kills it with SIGKILL after `ms`; true when it was still running then. */
async function killAfter(args: string[], ms: number): Promise<boolean> {
  const child = spawn(process.execPath, [cliPath, ...args], { stdio: 'ignore' });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await Promise.race([exited, new Promise((r) => setTimeout(r, ms))]);
  const killed = child.exitCode === null && child.signalCode === null && child.kill('SIGKILL');
  await exited;
  return killed;
}

/** sha256 of every entry of a store, by "ns path". */
function entries(dataDir: string): Map<string, string> {
  const store = openStore({ dataDir, watchIntervalMs: 0 });
  try {
    return new Map([...store.entries()].map((e) => [`${e.ns} ${e.path}`, e.sha256]));
  } finally {
    store.close();
  }
}

describe('kill -9', () => {
  it('during a bundle import, again and again: the store is exactly the old or the new state, verify clean', { timeout: 300_000 }, async () => {
    const dataDir = join(root, 'kill-bundle');
    const paths = Array.from({ length: 24 }, (_, i) => `/snapshot/part-${String(i).padStart(2, '0')}`);
    const v1 = paths.map((p, i) => ({ path: p, body: noise(64 * 1024, 100 + i), fetchedAt: 1_000 }));
    const v2 = paths.map((p, i) => ({ path: p, body: noise(3 * MiB, 200 + i), fetchedAt: 2_000 }));
    const b1 = await makeBundle(v1, join(root, 'v1.bundle'));
    const b2 = await makeBundle(v2, join(root, 'v2.bundle'));
    expect(await cli(['import', b1.file, '--data-dir', dataDir])).toMatchObject({ code: 0 });
    const old = new Map(v1.map((o) => [`maas-images ${o.path}`, sha(o.body)]));
    const fresh = new Map(v2.map((o) => [`maas-images ${o.path}`, sha(o.body)]));
    expect(entries(dataDir)).toEqual(old);

    let kills = 0;
    for (const ms of [150, 250, 350, 450, 550, 700, 900, 1200, 1600]) {
      if (await killAfter(['import', b2.file, '--data-dir', dataDir], ms)) kills++;
      const now = entries(dataDir);
      expect([old, fresh]).toContainEqual(now);
      const verified = await cli(['verify', '--data-dir', dataDir]);
      expect(verified, verified.stderr).toMatchObject({ code: 0, stdout: expect.stringContaining('all good') });
      if ([...fresh].every(([k, v]) => now.get(k) === v)) break;
    }
    expect(kills).toBeGreaterThan(0);
    // Whatever the kills left (temporaries, blobs no entry names), the next import completes.
    expect(await cli(['import', b2.file, '--data-dir', dataDir])).toMatchObject({ code: 0 });
    expect(entries(dataDir)).toEqual(fresh);
    expect(leftovers(dataDir)).toEqual([]);
  });

  it('during an APT snapshot switch (tree import of the next snapshot): InRelease and its indices stay one snapshot', { timeout: 300_000 }, async () => {
    const work = join(root, 'apt');
    const make = (dir: string, variant: string) => execFileSync('bash', [join(repoRoot, 'test/helpers/make-apt-archive.sh'), join(work, dir), variant], { stdio: 'ignore' });
    make('v1', 'v1');
    make('v2', 'v2');
    const keyring = join(work, 'both.gpg');
    writeFileSync(keyring, Buffer.concat([readFileSync(join(work, 'v1/keyring.gpg')), readFileSync(join(work, 'v2/keyring.gpg'))]));
    const dataDir = join(work, 'data');
    const importTree = (v: string) => ['import', join(work, v, 'ubuntu'), '--data-dir', dataDir, '--apt-keyring', keyring];
    expect(await cli(importTree('v1'))).toMatchObject({ code: 0 });
    const old = entries(dataDir);
    const inRelease = 'ubuntu-archive /ubuntu/dists/noble/InRelease';
    const packages = 'ubuntu-archive /ubuntu/dists/noble/main/binary-amd64/Packages.gz';
    const file = (v: string, rel: string) => sha(readFileSync(join(work, v, 'ubuntu', rel)));
    expect(old.get(inRelease)).toBe(file('v1', 'dists/noble/InRelease'));
    expect(old.get(packages)).toBe(file('v1', 'dists/noble/main/binary-amd64/Packages.gz'));

    const states = new Set<string>();
    for (let ms = 120; ms <= 1500; ms += 60) {
      await killAfter(importTree('v2'), ms);
      const now = entries(dataDir);
      const version = now.get(inRelease) === file('v2', 'dists/noble/InRelease') ? 'v2' : 'v1';
      expect(now.get(inRelease)).toBe(file(version, 'dists/noble/InRelease'));
      expect(now.get(packages)).toBe(file(version, 'dists/noble/main/binary-amd64/Packages.gz'));
      if (version === 'v1') expect(now).toEqual(old);
      states.add(version);
      if (version === 'v2') break;
    }
    expect(states.has('v1')).toBe(true);
    expect(await cli(['verify', '--data-dir', dataDir])).toMatchObject({ code: 0 });
    expect(await cli(importTree('v2'))).toMatchObject({ code: 0 });
    expect(entries(dataDir).get(packages)).toBe(file('v2', 'dists/noble/main/binary-amd64/Packages.gz'));
  });
});

describe('file descriptors', () => {
  it('with a low ulimit -n, a flood of connections gets refusals, not a crash; a kept connection and DNS are served; new ones once it ends', { timeout: 120_000 }, async () => {
    const dataDir = join(root, 'fd-data');
    const smallObj = noise(8 * 1024, 7);
    const largeObj = noise(2 * MiB, 8);
    const b = await makeBundle([{ path: '/fd/small', body: smallObj }, { path: '/fd/large', body: largeObj }], join(root, 'fd.bundle'));
    expect(await cli(['import', b.file, '--data-dir', dataDir])).toMatchObject({ code: 0 });
    const serve = await startServe({ dataDir, prefix: ['prlimit', '--nofile=256:256', '--'] });
    const flood: Socket[] = [];
    try {
      const kept = connect(80, '127.0.0.1');
      await new Promise((r) => kept.once('connect', r));
      const ask = (path: string): Promise<string> =>
        new Promise((resolve) => {
          let text = '';
          const onData = (d: Buffer): void => {
            text += d.toString('latin1');
            const m = /content-length: (\d+)\r\n[\s\S]*?\r\n\r\n/i.exec(text);
            if (m && text.length >= text.indexOf('\r\n\r\n') + 4 + Number(m[1])) {
              kept.off('data', onData);
              resolve(text);
            }
          };
          kept.on('data', onData);
          kept.write(`GET ${path} HTTP/1.1\r\nHost: images.maas.io\r\n\r\n`);
        });
      expect(await ask('/fd/small')).toMatch(/^HTTP\/1\.1 200 /);

      // 600 connections (60 from each of ten addresses, under the per-client cap) against 256 fds.
      let refused = 0;
      for (let i = 0; i < 600; i++) {
        const s = connect({ port: 80, host: '127.0.0.1', localAddress: `127.0.0.${20 + (i % 10)}` });
        s.on('error', () => undefined);
        s.once('close', () => refused++);
        s.resume();
        flood.push(s);
      }
      await new Promise((r) => setTimeout(r, 2_000));
      expect(refused).toBeGreaterThan(200);
      expect(serve.proc.exitCode).toBeNull();
      expect(await ask('/fd/small')).toMatch(/^HTTP\/1\.1 200 [\s\S]*\r\n\r\n/);
      const dig = await run('dig', ['+short', '+time=2', '+tries=1', '@127.0.0.1', 'images.maas.io', 'A']);
      expect(dig.stdout.trim()).toBe('127.0.0.1');

      for (const s of flood.splice(0)) s.destroy();
      kept.destroy();
      await new Promise((r) => setTimeout(r, 500));
      const after = await run('sh', ['-c', 'curl -sS --fail --max-time 20 http://images.maas.io/fd/large | sha256sum']);
      expect(after.stdout.split(' ')[0]).toBe(sha(largeObj));
      expect(serve.proc.exitCode).toBeNull();
    } finally {
      for (const s of flood) s.destroy();
      await serve.stop();
    }
  });
});
