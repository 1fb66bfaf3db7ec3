// Charms end to end in the loopback world with the real CLI: a fake Charmhub written from the spec
// (HTTPS with its own CA, blob downloads redirected to a CDN name as the real one does) serves
// charms, a bundle, file and oci-image resources; `seed` (charms: + bundles:) → bundle → `import`
// into a fresh data dir → `serve` offline. Then a client as strict as Juju's Go client
// (test/helpers/juju-client.ts) reaches the appliance by the real name api.charmhub.io through the
// appliance's DNS, trusting only the appliance CA besides the system roots, and deploys by channel
// with an NA base (error, then retry), by revision, refreshes an installed revision, resolves the
// bundle and its charms, lists resources by channel and revision, and downloads everything with
// size, sha256 and sha384 checked. An Enterprise Store export and `juju download` output
// imported into other fresh appliances serve the same flows.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCa } from '../../src/tls/ca.js';
import { LeafIssuer } from '../../src/tls/leaf-issuer.js';
import { FakeCharmhub, sha } from '../helpers/fake-charmhub.js';
import { JujuClient } from '../helpers/juju-client.js';
import { charmExport, infoMetadata } from '../seed/charm/export-fixture.js';
import { BUNDLE_ID, fakeCharms, GRAFANA_ID, jammy, noble, PG_ID, TINY_ID } from '../seed/charm/fixture.js';
import { cliPath, run, startServe, type ServeHandle } from './harness.js';

const HUB_IP = '127.0.0.4';
const CDN_HOST = 'canonical-bos01.cdn.snapcraftcontent.com';
const resolve = ['--upstream-resolve', `api.charmhub.io=${HUB_IP}:8443`, '--upstream-resolve', `${CDN_HOST}=${HUB_IP}:8444`];

let work: string;
let hub: FakeCharmhub;
let cdn: FakeCharmhub;
let hubCa: string;
let serve: ServeHandle | undefined;
let seedOutput = '';

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => run(process.execPath, [cliPath, ...args], { timeoutMs: 180_000, env });
const ok = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const r = await cli(args, env);
  if (r.code !== 0) throw new Error(`airgap-cache ${args[0]} failed:\n${r.stdout}\n${r.stderr}`);
  return r;
};

/** Juju on a machine that trusts the appliance CA (update-ca-certificates), names resolved by the appliance. */
const juju = (s: ServeHandle) => new JujuClient({ dispatcher: new Agent({ connect: { ca: [...rootCertificates, readFileSync(join(s.certsDir, 'ca.crt'), 'utf8')] } }) });
const archiveOf = (id: string, revision: number) => hub.charms.find((c) => c.id === id)!.revisions.find((r) => r.revision === revision)!.archive;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'agc-charm-e2e-'));
  const caDir = mkdtempSync(join(tmpdir(), 'agc-hub-ca-'));
  const ca = ensureCa(caDir, 'fake Charmhub CA');
  const issuer = new LeafIssuer(ca, caDir);
  const key = () => readFileSync(join(caDir, 'leaf', 'leaf.key'), 'utf8');
  hubCa = join(caDir, 'ca.crt');
  const charms = await fakeCharms();
  hub = new FakeCharmhub(charms);
  hub.cdn = `https://${CDN_HOST}`;
  await hub.listen(8443, HUB_IP, { cert: issuer.certificateFor('api.charmhub.io').certPem, key: key() });
  cdn = new FakeCharmhub(charms);
  await cdn.listen(8444, HUB_IP, { cert: issuer.certificateFor(CDN_HOST).certPem, key: key() });
  writeFileSync(join(work, 'charms.yaml'), 'charms:\n  - name: postgresql\n    channel: 14/stable\n    architectures: [amd64]\nbundles:\n  - name: db-bundle\n    channel: latest/stable\n');
  const seeded = await ok(['seed', join(work, 'charms.yaml'), '--out', join(work, 'charms.bundle'), ...resolve], { NODE_EXTRA_CA_CERTS: hubCa });
  seedOutput = seeded.stdout + seeded.stderr;
  await ok(['import', join(work, 'charms.bundle'), '--data-dir', join(work, 'data')]);
  serve = await startServe({ dataDir: join(work, 'data') });
}, 300_000);

afterAll(async () => {
  await serve?.stop();
  await hub?.close();
  await cdn?.close();
});

describe('charms seeded from Charmhub, imported, served offline to a strict Juju client', () => {
  it('the seed spoke as Juju does, followed the CDN redirects, and listed the snaps the charms install', () => {
    const refresh = hub.requests.filter((r) => r.url === '/v2/charms/refresh');
    expect(refresh.length).toBeGreaterThan(0);
    expect(refresh.every((r) => r.headers['content-type'] === 'application/json' && /^Juju\//.test(String(r.headers['user-agent'])))).toBe(true);
    expect(refresh.flatMap((r) => JSON.parse(r.body).actions).every((a: { base: unknown }) => a.base === null || (a.base as { name: string }).name !== 'NA')).toBe(true);
    expect(cdn.count('/download-origin/charms/')).toBeGreaterThanOrEqual(4);
    expect(cdn.count('/download-origin/resources/')).toBeGreaterThanOrEqual(2);
    expect(seedOutput).toMatch(/name: charmed-postgresql/);
    expect(seedOutput).toMatch(/name: lxd/);
  });

  it('deploy by channel with an NA base: invalid-charm-base, then the newest default base; the archive downloads with its hashes', async () => {
    const before = hub.requests.length;
    const c = juju(serve!);
    const { result, attempts } = await c.deployByChannel('postgresql', '14/stable');
    expect(attempts[0]!.error?.code).toBe('invalid-charm-base');
    expect(attempts[0]!.error?.extra['default-bases']?.[0]).toEqual(noble());
    expect(result.charm).toMatchObject({ id: PG_ID, revision: 469, type: 'charm' });
    expect(result['effective-channel']).toMatch(/^14\/stable$/);
    expect((await c.download(result.charm!.download)).equals(archiveOf(PG_ID, 469))).toBe(true);
    const bare = await c.deployByChannel('postgresql', 'stable');
    expect(bare.result.charm!.revision).toBe(469);
    expect(hub.requests.length).toBe(before);
  });

  it('deploy by revision: that revision, no resources; a refresh of the installed revision stays on it', async () => {
    const c = juju(serve!);
    const r = await c.deployByRevision('postgresql', 468);
    expect(r.charm).toMatchObject({ revision: 468, resources: [] });
    expect((await c.download(r.charm!.download)).equals(archiveOf(PG_ID, 468))).toBe(true);
    const up = await c.refreshInstalled({ id: PG_ID, revision: 468, channel: '14/stable', base: jammy() });
    expect(up.result).toBe('refresh');
    expect(up.charm!.revision).toBe(468);
  });

  it('a channel that was not seeded is terminal, naming the releases there are', async () => {
    await expect(juju(serve!).deployByChannel('postgresql', '13/stable')).rejects.toThrow(/charm or bundle not found for 13\/stable of postgresql, available releases are: .*14\/stable ubuntu@22\.04\/amd64/);
  });

  it('the bundle resolves, downloads, and each application\'s charm resolves (by channel, by revision)', async () => {
    const c = juju(serve!);
    const b = await c.resolveBundle('db-bundle', 'stable');
    expect(b.bundle.charm).toMatchObject({ type: 'bundle', id: BUNDLE_ID, revision: 7 });
    expect(b.charms.db!.charm!.id).toBe(PG_ID);
    expect(b.charms.dash!.charm).toMatchObject({ id: GRAFANA_ID, revision: 10 });
    expect(b.charms.small!.charm).toMatchObject({ id: TINY_ID, revision: 3 });
    for (const r of Object.values(b.charms)) await c.download(r.charm!.download);
  });

  it('resources by channel and by revision, and the revisions listing; every blob matches its size, sha256 and sha384', async () => {
    const c = juju(serve!);
    const byChannel = await c.resourcesByChannel(PG_ID, '14/stable', jammy());
    expect(byChannel.map((r) => `${r.name}:${r.revision}:${r.type}`)).toEqual(['charmed-postgresql-snap:12:file']);
    const snap = await c.download(byChannel[0]!.download);
    expect(snap.equals(hub.charms[0]!.resources!.find((r) => r.revision === 12)!.blob)).toBe(true);
    const byRevision = await c.resourcesByRevision(GRAFANA_ID, 10, [{ name: 'grafana-image', revision: 5 }]);
    expect(byRevision[0]).toMatchObject({ type: 'oci-image', revision: 5 });
    const doc = await c.download(byRevision[0]!.download);
    expect(JSON.parse(doc.toString()).ImageName).toMatch(/^registry\.jujucharms\.com\/charm\//);
    const listing = await c.resourceRevisions('postgresql', 'charmed-postgresql-snap');
    expect(listing.map((r) => r.revision)).toContain(12);
    expect(listing.find((r) => r.revision === 12)!.download['hash-sha-384']).toBe(sha('sha384', snap));
  });
});

describe('charms admins already have, imported into fresh appliances', () => {
  it('a store-admin export tarball and juju download output serve the same flows', async () => {
    await serve?.stop();
    serve = undefined;
    const pg468 = archiveOf(PG_ID, 468);
    const tgz = join(work, 'charms-export-20240426T163115.tar.gz');
    const snap = hub.charms[0]!.resources!.find((r) => r.revision === 12)!.blob;
    writeFileSync(tgz, charmExport([{ name: 'postgresql', revision: 468, archive: pg468, metadata: infoMetadata({ id: PG_ID, name: 'postgresql', revision: 468, track: '14', channels: [{ channel: '14/stable', base: jammy() }], resources: [{ name: 'charmed-postgresql-snap', type: 'file', filename: 'postgresql.snap' }] }), resources: [{ name: 'charmed-postgresql-snap', revision: 12, data: snap }] }]));
    const dl = mkdtempSync(join(work, 'juju-download-'));
    writeFileSync(join(dl, 'tiny_r3.charm'), archiveOf(TINY_ID, 3));
    const dataDir = mkdtempSync(join(work, 'import-data-'));
    const exp = await ok(['import', tgz, '--data-dir', dataDir]);
    expect(exp.stdout).toMatch(/charm postgresql revision 468 \(id PostgresqlId\w+\) on 14\/stable \(ubuntu@22\.04 amd64\)/);
    await ok(['import', dl, '--data-dir', dataDir, '--charm-channel', 'stable', '--charm-id', `tiny=${TINY_ID}`]);
    const s = await startServe({ dataDir });
    try {
      const c = juju(s);
      const pg = await c.deployByChannel('postgresql', 'stable');
      expect(pg.attempts[0]!.error?.code).toBe('invalid-charm-base');
      expect(pg.result.charm).toMatchObject({ id: PG_ID, revision: 468 });
      expect((await c.download(pg.result.charm!.download)).equals(pg468)).toBe(true);
      const res = await c.resourcesByChannel(PG_ID, '14/stable', jammy());
      expect((await c.download(res[0]!.download)).equals(snap)).toBe(true);
      const tiny = await c.deployByChannel('tiny', 'stable');
      expect(tiny.result.charm).toMatchObject({ id: TINY_ID, revision: 3 });
      await c.download(tiny.result.charm!.download);
    } finally {
      await s.stop();
    }
  });
});

describe('a seed that stops resumes', () => {
  it('a resource whose bytes do not match fails the seed, naming it; the next run reuses what was fetched', async () => {
    const out = join(work, 'again.bundle');
    // Same size, other bytes: only the digests can tell.
    const size = hub.charms.find((c) => c.id === GRAFANA_ID)!.resources![0]!.blob.length;
    cdn.tamper.set(`charm_${GRAFANA_ID}.grafana-image_5`, Buffer.alloc(size, 'x'));
    const bad = await cli(['seed', join(work, 'charms.yaml'), '--out', out, ...resolve], { NODE_EXTRA_CA_CERTS: hubCa });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(new RegExp(`charm_${GRAFANA_ID}\\.grafana-image_5`));
    expect(bad.stderr).toMatch(/sha256|sha384/);
    cdn.tamper.clear();
    const good = await ok(['seed', join(work, 'charms.yaml'), '--out', out, ...resolve], { NODE_EXTRA_CA_CERTS: hubCa });
    expect(good.stdout).toMatch(/reused [1-9]\d* from an earlier run/);
  });
});
