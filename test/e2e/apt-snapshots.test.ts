// APT snapshots changing under real apt-get: online, a new upstream snapshot is followed once the
// InRelease is stale, by hash; offline, a newer bundle imported while clients loop `apt-get update`
// makes not one run fail.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AptClient } from '../helpers/apt-client.js';
import { StaticUpstream } from '../helpers/static-upstream.js';
import { cliPath, repoRoot, run, startServe } from './harness.js';

const UPSTREAM = '127.0.0.5';
let work: string;
let v1: string;
let v2: string;
let keyring: string;
let upstream: StaticUpstream;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'agc-apt-snap-'));
  v1 = join(work, 'v1');
  v2 = join(work, 'v2');
  execFileSync('bash', [join(repoRoot, 'test/helpers/make-apt-archive.sh'), v1], { stdio: 'ignore' });
  execFileSync('bash', [join(repoRoot, 'test/helpers/make-apt-archive.sh'), v2, 'v2'], { stdio: 'ignore' });
  // Each build signs with a key of its own; clients and the appliance trust both.
  keyring = join(work, 'both.gpg');
  writeFileSync(keyring, Buffer.concat([readFileSync(join(v1, 'keyring.gpg')), readFileSync(join(v2, 'keyring.gpg'))]));
  upstream = new StaticUpstream(v1);
  await upstream.listen(8080, UPSTREAM);
}, 120_000);
afterAll(() => upstream?.close());

const sources = () => [`deb [signed-by=${keyring}] http://archive.ubuntu.com/ubuntu noble main`, `deb [signed-by=${keyring}] http://archive.ubuntu.com/ubuntu noble-updates main`];
const resolveFlag = ['--upstream-resolve', `archive.ubuntu.com=${UPSTREAM}:8080`];

describe('APT snapshots with real apt-get', () => {
  it('online: installs through the cache, then follows the new upstream snapshot once the InRelease is stale', async () => {
    const config = join(work, 'online.yaml');
    writeFileSync(config, 'apt:\n  metadataMaxAgeSeconds: 2\n');
    const serve = await startServe({ args: ['--config', config, '--mode', 'online', ...resolveFlag] });
    try {
      const c = new AptClient(join(work, 'online-client'), sources());
      const up = await c.apt(['update']);
      expect(up.code, up.stdout + up.stderr).toBe(0);
      const inst = await c.apt(['install', '-y', '--download-only', '-o', 'Debug::NoLocking=1', 'hello']);
      expect(inst.code, inst.stdout + inst.stderr).toBe(0);
      expect((await c.apt(['install', '-y', '--download-only', '-o', 'Debug::NoLocking=1', 'newtool'])).code).not.toBe(0);

      upstream.root = v2;
      await new Promise((r) => setTimeout(r, 2500));
      const again = await c.apt(['update']);
      expect(again.code, again.stdout + again.stderr).toBe(0);
      expect(again.stdout).toMatch(/Get:\d+ http:\/\/archive\.ubuntu\.com\/ubuntu noble InRelease/);
      const newer = await c.apt(['install', '-y', '--download-only', '-o', 'Debug::NoLocking=1', 'newtool']);
      expect(newer.code, newer.stdout + newer.stderr).toBe(0);
    } finally {
      upstream.root = v1;
      await serve.stop();
    }
  }, 120_000);

  it('offline: a newer snapshot imported while clients loop apt-get update fails not one run', async () => {
    const manifest = join(work, 'manifest.yaml');
    writeFileSync(manifest, `apt:\n  - mirror: http://archive.ubuntu.com/ubuntu\n    suites: [noble, noble-updates]\n    components: [main]\n    keyring: ${keyring}\n    packages: { names: [hello] }\n`);
    const seed = async (name: string) => {
      const r = await run(process.execPath, [cliPath, 'seed', manifest, '--out', join(work, name), ...resolveFlag], { timeoutMs: 120_000 });
      expect(r.code, r.stderr).toBe(0);
    };
    upstream.root = v1;
    await seed('v1.bundle');
    upstream.root = v2;
    await seed('v2.bundle');
    const dataDir = join(work, 'offline-data');
    const imp = (name: string) => run(process.execPath, [cliPath, 'import', join(work, name), '--data-dir', dataDir, '--apt-keyring', keyring], { timeoutMs: 120_000 });
    expect((await imp('v1.bundle')).code).toBe(0);
    const serve = await startServe({ dataDir });
    try {
      const clients = [0, 1, 2].map((i) => new AptClient(join(work, `loop-${i}`), sources()));
      let importing = true;
      const loops = clients.map(async (c) => {
        const failures: string[] = [];
        let runs = 0;
        do {
          const r = await c.apt(['update']);
          runs += 1;
          if (r.code !== 0 || /^[WE]:/m.test(r.stderr)) failures.push(r.stdout + r.stderr);
        } while (importing || runs < 2);
        return { runs, failures };
      });
      await new Promise((r) => setTimeout(r, 300));
      const imported = await imp('v2.bundle');
      importing = false;
      expect(imported.code, imported.stderr).toBe(0);
      const results = await Promise.all(loops);
      for (const r of results) expect(r.failures).toEqual([]);
      expect(results.reduce((n, r) => n + r.runs, 0)).toBeGreaterThanOrEqual(6);
      const after = new AptClient(join(work, 'after'), sources());
      expect((await after.apt(['update'])).code).toBe(0);
      const newer = await after.apt(['install', '-y', '--download-only', '-o', 'Debug::NoLocking=1', 'hello']);
      expect(newer.code, newer.stderr).toBe(0);
    } finally {
      await serve.stop();
    }
  }, 180_000);
});
