// Snaps end to end in the loopback world with the real CLI and Debian's real `snap download`
// (snapd 2.57.6, no daemon): a fake store written from the spec serves, over HTTPS with its own
// CA and a CDN redirect, the real Canonical-signed hello-lhc (armhf) and test-signed snaps; `seed`
// → bundle → `import` → `serve` offline; then `snap download` by the default store URL
// (api.snapcraft.io through the appliance's DNS, trusting its CA with SSL_CERT_FILE) writes
// .snap and .assert files byte-identical to the fixtures. Test-signed snaps download and verify
// their sha3-384, then stop at assertion verification as the spec says they must (snapd's roots
// are compiled in). Online mode fills from the fake store the same way, and what it kept answers
// offline afterwards. `snap download` pairs imported as a tree serve alike.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCa } from '../../src/tls/ca.js';
import { LeafIssuer } from '../../src/tls/leaf-issuer.js';
import { FakeSnapStore } from '../helpers/fake-snap-store.js';
import { fixtureDir, helloAssert, helloSnap } from '../helpers/snap-records.js';
import { fakeStore, type FakeStoreFixture } from '../seed/snap/fake-store-fixture.js';
import { cliPath, run, startServe, type ServeHandle } from './harness.js';

const STORE_IP = '127.0.0.3';
const CDN_HOST = 'canonical-lgw01.cdn.snapcraftcontent.com';
const resolve = ['--upstream-resolve', `api.snapcraft.io=${STORE_IP}:8443`, '--upstream-resolve', `${CDN_HOST}=${STORE_IP}:8444`];

let work: string;
let fx: FakeStoreFixture;
let cdn: FakeSnapStore;
let storeCa: string;
let rootFile: string;
let serve: ServeHandle | undefined;

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => run(process.execPath, [cliPath, ...args], { timeoutMs: 180_000, env });
const ok = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const r = await cli(args, env);
  if (r.code !== 0) throw new Error(`airgap-cache ${args[0]} failed:\n${r.stdout}\n${r.stderr}`);
  return r;
};

/** Debian's snap download against the default store URL, trusting only the appliance CA. */
function snapDownload(certsDir: string, args: string[], arch = 'amd64') {
  const dir = mkdtempSync(join(work, 'dl-'));
  const env = { SSL_CERT_FILE: join(certsDir, 'ca.crt'), UBUNTU_STORE_ARCH: arch, HOME: dir, SNAPD_DEBUG: '1' };
  return run('snap', ['download', `--target-directory=${dir}`, ...args], { env, timeoutMs: 120_000 }).then((r) => ({ ...r, dir }));
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'agc-snap-e2e-'));
  const caDir = mkdtempSync(join(tmpdir(), 'agc-store-ca-'));
  const ca = ensureCa(caDir, 'fake snap store CA');
  const issuer = new LeafIssuer(ca, caDir);
  const key = () => readFileSync(join(caDir, 'leaf', 'leaf.key'), 'utf8');
  storeCa = join(caDir, 'ca.crt');
  fx = fakeStore();
  fx.store.cdn = `https://${CDN_HOST}`;
  await fx.store.listen(8443, STORE_IP, { cert: issuer.certificateFor('api.snapcraft.io').certPem, key: key() });
  cdn = new FakeSnapStore(fx.store.snaps);
  await cdn.listen(8444, STORE_IP, { cert: issuer.certificateFor(CDN_HOST).certPem, key: key() });
  rootFile = join(work, 'test-root.assert');
  writeFileSync(rootFile, fx.authority.rootAccountKey);
  writeFileSync(join(work, 'snaps.yaml'), 'snaps:\n  - name: hello-lhc\n    architectures: [armhf]\n  - name: demo\n    channel: 2/stable\n');
  await ok(['seed', join(work, 'snaps.yaml'), '--out', join(work, 'snaps.bundle'), ...resolve], { NODE_EXTRA_CA_CERTS: storeCa });
  await ok(['import', join(work, 'snaps.bundle'), '--data-dir', join(work, 'data'), '--snap-trusted-key', rootFile]);
  serve = await startServe({ dataDir: join(work, 'data') });
}, 300_000);

afterAll(async () => {
  await serve?.stop();
  await fx?.store.close();
  await cdn?.close();
});

describe('snaps seeded from a store, imported, served offline to the real snap download', () => {
  it('the seed asked the store as snap download does and followed its CDN redirect for the blobs', () => {
    expect(fx.store.requests.filter((r) => r.url === '/v2/snaps/refresh').map((r) => r.headers['snap-device-architecture'])).toContain('armhf');
    expect(cdn.count('/download-origin/')).toBeGreaterThanOrEqual(4);
  });

  it('snap download hello-lhc (armhf) completes: .snap and .assert byte-identical to the Canonical-signed fixtures', async () => {
    const before = fx.store.requests.length;
    const r = await snapDownload(serve!.certsDir, ['hello-lhc'], 'armhf');
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(r.dir, 'hello-lhc_4.snap')).equals(helloSnap())).toBe(true);
    expect(readFileSync(join(r.dir, 'hello-lhc_4.assert')).equals(helloAssert())).toBe(true);
    expect(r.stdout + r.stderr).toMatch(/snap ack .*hello-lhc_4\.assert/);
    expect(fx.store.requests.length).toBe(before);
  });

  it('a test-signed snap: the blob downloads and its sha3-384 checks out, then verification stops at the assertions', async () => {
    const r = await snapDownload(serve!.certsDir, ['demo']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/cannot fetch snap signatures\/assertions/);
    expect(r.stderr).not.toMatch(/sha3-384 mismatch/);
    const want = fx.store.snaps.find((s) => s.name === 'demo')!.revisions.find((x) => x.revision === 10)!.blob;
    expect(readFileSync(join(r.dir, 'demo_10.snap')).equals(want)).toBe(true);
  });

  it('channels resolve offline as they did online; unknown names and unseeded channels fail as the store would say', async () => {
    const base = await snapDownload(serve!.certsDir, ['core22']);
    expect(readFileSync(join(base.dir, 'core22_100.snap')).length).toBe(1000);
    const missing = await snapDownload(serve!.certsDir, ['nope']);
    expect(missing.stderr).toMatch(/cannot download snap "nope": snap not found/);
    const edge = await snapDownload(serve!.certsDir, ['--channel=2/edge', 'demo']);
    expect(edge.code).not.toBe(0);
    expect(edge.stderr).toMatch(/not available|no snap revision/i);
    // Answered at once with 200 and an error result: no 5xx, so snapd does not retry for 40 s.
    expect(edge.stderr).toMatch(/v2\/snaps\/refresh finished after 1 retries, elapsed time=[^,]+, status: 200/);
  });

  it('status lists the seeded snaps with channel, revision and architectures', async () => {
    const r = await ok(['status', '--data-dir', serve!.dataDir]);
    expect(r.stdout).toMatch(/ {2}hello-lhc +latest\/stable +r4 +1\.0 +armhf +complete/);
    expect(r.stdout).toMatch(/ {2}demo +2\/stable +r10 +2\.0 +amd64 +complete/);
    expect(r.stdout).toMatch(/ {2}snapd +latest\/stable +r200 /);
  });
});

describe('online, then offline', () => {
  it('snap download through an online appliance fills from the store, and what it kept answers offline', async () => {
    await serve?.stop();
    serve = undefined;
    const dataDir = mkdtempSync(join(work, 'online-data-'));
    const online = await startServe({ dataDir, args: ['--mode', 'online', ...resolve], env: { NODE_EXTRA_CA_CERTS: storeCa } });
    try {
      const r = await snapDownload(online.certsDir, ['hello-lhc'], 'armhf');
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(join(r.dir, 'hello-lhc_4.assert')).equals(helloAssert())).toBe(true);
      expect(readFileSync(join(r.dir, 'hello-lhc_4.snap')).equals(helloSnap())).toBe(true);
    } finally {
      await online.stop();
    }
    const requests = fx.store.requests.length;
    const offline = await startServe({ dataDir, certsDir: online.certsDir });
    try {
      const r = await snapDownload(offline.certsDir, ['hello-lhc'], 'armhf');
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(join(r.dir, 'hello-lhc_4.snap')).equals(helloSnap())).toBe(true);
      expect(fx.store.requests.length).toBe(requests);
    } finally {
      await offline.stop();
    }
  });
});

describe('snap download pairs imported as a tree', () => {
  it('serve the same bytes to snap download', async () => {
    const dataDir = mkdtempSync(join(work, 'tree-data-'));
    await ok(['import', fixtureDir, '--data-dir', dataDir, '--snap-channel', 'latest/stable']);
    const s = await startServe({ dataDir });
    try {
      const r = await snapDownload(s.certsDir, ['hello-lhc'], 'armhf');
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(join(r.dir, 'hello-lhc_4.assert')).equals(helloAssert())).toBe(true);
    } finally {
      await s.stop();
    }
  });
});
