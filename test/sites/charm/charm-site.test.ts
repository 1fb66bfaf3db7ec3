// The charm site behind the real request handler (in-process appliance on port 0), driven by the
// strict Juju-like client for every contract flow of issue #11, offline and online.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningAppliance } from '../../../src/appliance.js';
import { testAppliance } from '../../helpers/appliance.js';
import { BUNDLE_ID, jammy, noble, PG_ID, putCatalogue, putCharm } from '../../helpers/charm-records.js';
import { charmZip, FakeCharmhub } from '../../helpers/fake-charmhub.js';
import { doorAgent, JujuClient, JujuError } from '../../helpers/juju-client.js';

let app: RunningAppliance | undefined;
let fake: FakeCharmhub | undefined;
afterEach(async () => {
  await app?.close();
  await fake?.close();
  app = undefined;
  fake = undefined;
});

async function seeded(overrides: Parameters<typeof testAppliance>[0] = {}): Promise<JujuClient> {
  app = await testAppliance(overrides);
  await putCatalogue(app.store);
  return new JujuClient({ connectTo: `http://127.0.0.1:${app.ports.http}` });
}

describe('charm site, offline, as Juju drives it', () => {
  it('deploy by channel: NA base → invalid-charm-base → retry with the default base → install, charm and resources download with hash checks', async () => {
    const juju = await seeded();
    const { result, attempts } = await juju.deployByChannel('postgresql', 'stable');
    expect(attempts[0]!.error).toMatchObject({ code: 'invalid-charm-base', extra: { 'default-bases': [jammy] } });
    expect(result).toMatchObject({ result: 'install', id: PG_ID, 'effective-channel': '14/stable', charm: { revision: 468, type: 'charm', bases: [jammy] } });
    expect(result.charm!.download.url).toBe(`https://api.charmhub.io/api/v1/charms/download/${PG_ID}_468.charm`);
    expect((await juju.download(result.charm!.download)).subarray(0, 2).toString()).toBe('PK');
    expect(result.charm!.resources.map((r) => [r.name, r.type, r.revision])).toEqual([['pg-snap', 'file', 12], ['pg-image', 'oci-image', 3]]);
    for (const r of result.charm!.resources) await juju.download(r.download);
  });

  it('default-bases come newest LTS first; a channel with nothing for the base is revision-not-found listing what is seeded', async () => {
    const juju = await seeded();
    const { result, attempts } = await juju.deployByChannel('postgresql', '16/stable');
    expect(attempts[0]!.error!.extra['default-bases']).toEqual([noble, jammy]);
    expect(result.charm!.revision).toBe(500);
    const err = await juju.deployByChannel('postgresql', '15/stable').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JujuError);
    // Answered on the first (NA) request, so Juju can print what is there instead of failing a retry.
    expect((err as JujuError).message).toMatch(/available releases are: .*14\/stable ubuntu@22\.04\/amd64/);
    const r = (err as JujuError).detail as { error: { code: string; extra: { releases: unknown[] } } };
    expect(r.error.code).toBe('revision-not-found');
    expect(r.error.extra.releases).toContainEqual({ base: jammy, channel: '14/stable' });
    expect(r.error.extra.releases).toHaveLength(4);
  });

  it('juju download: a base the channel lacks is revision-not-found whose releases name the channel as it was sent, so the one retry finds the base', async () => {
    const juju = await seeded();
    // On the latest track and on 22.04 only; juju download asks for 24.04 first.
    await putCharm(app!.store, { type: 'charm', name: 'tiny', id: 'VGlueVRpbnlUaW55VGlueVRpbnlUaW55', defaultTrack: 'latest', revisions: [{ revision: 7, bases: [jammy], blob: await charmZip('tiny', [jammy]) }], resources: [], channels: [[jammy, 'latest/stable', 7]] });
    for (const channel of [undefined, 'stable', 'latest/stable']) {
      const { result, attempts } = await juju.downloadCharm('tiny', channel === undefined ? {} : { channel });
      expect(attempts.map((a) => a.error?.code ?? a.result), String(channel)).toEqual(['revision-not-found', 'install']);
      expect(result.charm!.revision).toBe(7);
    }
    // A default track other than latest: the releases say 14/stable, which `juju download` (sending
    // "stable") cannot match — as with Charmhub; it names the channel to use.
    await expect(juju.downloadCharm('postgresql')).rejects.toThrow(/has no releases in channel "stable"/);
    expect((await juju.downloadCharm('postgresql', { channel: '14/stable' })).result.charm!.revision).toBe(468);
  });

  it('deploy by revision (base null) has no resources unless named; resources by channel and by revision', async () => {
    const juju = await seeded();
    const r = await juju.deployByRevision('postgresql', 470);
    expect([r.charm!.revision, r.charm!.resources]).toEqual([470, []]);
    await juju.download(r.charm!.download);
    const byChannel = await juju.resourcesByChannel(PG_ID, '16/stable', jammy);
    expect(byChannel.map((x) => [x.name, x.revision])).toEqual([['pg-snap', 12]]);
    const byRevision = await juju.resourcesByRevision(PG_ID, 470, [{ name: 'pg-snap', revision: 13 }]);
    expect(byRevision.map((x) => [x.name, x.revision])).toEqual([['pg-snap', 13]]);
    expect((await juju.download(byRevision[0]!.download)).toString()).toBe('snap thirteen!');
    const listed = await juju.resourceRevisions('postgresql', 'pg-snap');
    expect(listed.map((x) => x.revision)).toEqual([13, 12]);
    for (const x of listed) await juju.download(x.download);
    await expect(juju.resourceRevisions('postgresql', 'nope')).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('refresh of an installed revision: the head of the tracking channel, or the installed revision when nothing is newer here', async () => {
    const juju = await seeded();
    expect((await juju.refreshInstalled({ id: PG_ID, revision: 468, channel: '14/edge', base: jammy })).charm!.revision).toBe(470);
    expect((await juju.refreshInstalled({ id: PG_ID, revision: 468, channel: 'stable', base: jammy })).charm!.revision).toBe(468);
    const none = await juju.refreshInstalled({ id: PG_ID, revision: 468, channel: '15/stable', base: jammy });
    expect([none.result, none.charm!.revision, none['effective-channel']]).toEqual(['refresh', 468, '15/stable']);
    const unknown = await juju.refresh([{ 'instance-key': 'k', id: 'X'.repeat(32), revision: 1, base: jammy, 'tracking-channel': 'stable' }], [{ action: 'refresh', 'instance-key': 'k', id: 'X'.repeat(32), base: null }]);
    expect(unknown[0]!.error!.code).toBe('id-not-found');
  });

  it('batched actions get one result each, keys echoed; a metrics-only request is 200 {"results":[]}', async () => {
    const juju = await seeded();
    const results = await juju.refresh(
      [{ 'instance-key': 'a', id: PG_ID, revision: 468, base: jammy, 'tracking-channel': '14/stable' }],
      [
        { action: 'refresh', 'instance-key': 'a', id: PG_ID, base: null },
        { action: 'install', 'instance-key': 'b', name: 'postgresql', channel: '14/edge', base: jammy },
        { action: 'install', 'instance-key': 'c', name: 'nothing-here', channel: 'stable', base: jammy },
      ],
    );
    expect(results.map((r) => [r['instance-key'], r.result, r.charm?.revision ?? r.error?.code])).toEqual([['a', 'refresh', 468], ['b', 'install', 470], ['c', 'error', 'name-not-found']]);
    const m = await juju.http('POST', 'https://api.charmhub.io/v2/charms/refresh', { 'content-type': 'application/json' }, JSON.stringify({ context: [], actions: [], metrics: { controller: { uuid: 'u' } } }));
    expect([m.status, m.headers['content-type'], JSON.parse(m.body.toString()).results]).toEqual([200, 'application/json', []]);
  });

  it('a bundle resolves as a bundle, its archive downloads, then each of its charms resolves', async () => {
    const juju = await seeded();
    const { bundle, charms } = await juju.resolveBundle('pg-bundle', 'stable');
    expect([bundle.id, bundle.charm!.type, bundle['effective-channel']]).toEqual([BUNDLE_ID, 'bundle', 'latest/stable']);
    expect(Object.fromEntries(Object.entries(charms).map(([k, v]) => [k, v.charm!.revision]))).toEqual({ db: 468, db2: 500 });
  });

  it('info and find answer as Juju decodes them; fields and channel are honoured; unknown names are JSON 404s', async () => {
    const juju = await seeded();
    const info = await juju.info('postgresql');
    expect(info).toMatchObject({ type: 'charm', id: PG_ID, name: 'postgresql', 'default-release': { channel: { name: '14/stable', track: '14', risk: 'stable', base: jammy } } });
    expect((info['channel-map'] as unknown[]).length).toBe(4);
    const one = await juju.info('postgresql', { fields: ['channel-map.revision.revision'], channel: '16/stable' });
    expect(one).toEqual({ type: 'charm', id: PG_ID, name: 'postgresql', 'channel-map': [{ revision: { revision: 470 } }, { revision: { revision: 500 } }] });
    await expect(juju.info('nope')).rejects.toMatchObject({ kind: 'not-found' });
    expect((await juju.find('postgres')).map((r) => r.name)).toEqual(['postgresql']);
    expect((await juju.find('')).map((r) => r.name).sort()).toEqual(['pg-bundle', 'postgresql']);
    expect((await juju.find('', { type: 'bundle' })).map((r) => r.name)).toEqual(['pg-bundle']);
  });

  it('with charm.ociRegistry, the oci-image document names the site registry and its advertised size and digests are those served', async () => {
    const juju = await seeded({ charm: { ociRegistry: { url: 'https://registry.site:5000', username: 'site-user', password: 'site-pass' } } });
    const { result } = await juju.deployByChannel('postgresql', '14/stable');
    const image = result.charm!.resources.find((r) => r.type === 'oci-image')!;
    const doc = JSON.parse((await juju.download(image.download)).toString()) as Record<string, string>;
    expect(doc).toEqual({ ImageName: expect.stringMatching(/^registry\.site:5000\/charm\/pgid\/pg-image@sha256:c{64}$/), Username: 'site-user', Password: 'site-pass' });
    const listed = (await juju.resourceRevisions('postgresql', 'pg-image'))[0]!;
    expect(listed.download).toEqual(image.download);
  });

  it('over the TLS door by the real name (SNI, the appliance certificate, absolute download URLs)', async () => {
    await seeded();
    const agent = doorAgent({ address: '127.0.0.1', port: app!.ports.https, ca: app!.ca.certPem });
    try {
      const juju = new JujuClient({ dispatcher: agent });
      const { result } = await juju.deployByChannel('postgresql', 'stable');
      expect(result.charm!.download.url.startsWith('https://api.charmhub.io/')).toBe(true);
      await juju.download(result.charm!.download);
      for (const r of result.charm!.resources) await juju.download(r.download);
    } finally {
      await agent.close();
    }
  });

  it('not here is a JSON 404 (blobs too), wrong methods a JSON 405, a bad body a JSON 400', async () => {
    const juju = await seeded();
    for (const path of [`/api/v1/charms/download/${'X'.repeat(32)}_1.charm`, '/v2/nothing', `/api/v1/resources/download/charm_${PG_ID}.pg-snap_99`]) {
      const r = await juju.http('GET', `https://api.charmhub.io${path}`, {});
      expect([path, r.status, r.headers['content-type']]).toEqual([path, 404, 'application/json']);
    }
    const m = await juju.http('GET', 'https://api.charmhub.io/v2/charms/refresh', {});
    expect([m.status, m.headers['content-type'], m.headers.allow]).toEqual([405, 'application/json', 'POST']);
    const bad = await juju.http('POST', 'https://api.charmhub.io/v2/charms/refresh', {}, '{"actions": 3}');
    expect([bad.status, bad.headers['content-type'], JSON.parse(bad.body.toString())['error-list'][0].code]).toEqual([400, 'application/json', 'bad-argument']);
  });
});

describe('charm site, online', () => {
  it('API calls go upstream and leave records; blobs fill once through the CDN redirect; then the same flows pass offline', async () => {
    const archive = await charmZip('redis', [jammy]);
    const ID = 'UmVkaXNSZWRpc1JlZGlzUmVkaXNSZWRp';
    fake = new FakeCharmhub([
      {
        name: 'redis', id: ID, defaultTrack: '7',
        revisions: [{ revision: 21, version: '7.2', bases: [jammy], archive, resources: [{ name: 'redis-image', revision: 2 }] }],
        resources: [{ name: 'redis-image', type: 'oci-image', revision: 2, filename: '', blob: Buffer.from('{"ImageName":"registry.jujucharms.com/charm/x/redis-image@sha256:abc"}') }],
        releases: [{ channel: '7/stable', base: jammy, revision: 21 }],
      },
    ]);
    const port = await fake.listen();
    fake.publicUrl = `http://api.charmhub.io:${port}`;
    fake.cdn = `http://api.charmhub.io:${port}`;
    const groups = [{ name: 'charmhub', site: 'charm' as const, namespace: 'charmhub', hosts: ['api.charmhub.io'], upstream: `http://api.charmhub.io:${port}` }];
    const resolve = { 'api.charmhub.io': `127.0.0.1:${port}` };
    app = await testAppliance({ mode: 'online', hostGroups: groups, upstreamResolve: resolve });
    const juju = () => new JujuClient({ baseUrl: `http://api.charmhub.io:${port}`, connectTo: `http://127.0.0.1:${app!.ports.http}` });
    const flows = async () => {
      const { result, attempts } = await juju().deployByChannel('redis', 'stable');
      expect([attempts.length, result.charm!.revision, result['effective-channel']]).toEqual([2, 21, '7/stable']);
      expect(result.charm!.download.url).toBe(`http://api.charmhub.io:${port}/api/v1/charms/download/${ID}_21.charm`);
      for (let i = 0; i < 2; i++) expect(await juju().download(result.charm!.download)).toEqual(archive);
      const res = result.charm!.resources[0]!;
      await juju().download(res.download);
      const refreshed = await juju().refreshInstalled({ id: ID, revision: 21, channel: '7/stable', base: jammy });
      expect(refreshed.charm!.revision).toBe(21);
      expect((await juju().info('redis'))['default-release']).toMatchObject({ channel: { name: '7/stable' } });
    };
    await flows();
    expect(fake.count('/v2/charms/refresh')).toBeGreaterThanOrEqual(3);
    expect(fake.count('/api/v1/charms/download/')).toBe(1);
    await app.close();
    const before = fake.requests.length;
    app = await testAppliance({ dataDir: app.config.dataDir, hostGroups: groups, upstreamResolve: resolve });
    await flows();
    expect(fake.requests.length).toBe(before);
  });

  it('an upstream 5xx is answered from the cache', async () => {
    fake = new FakeCharmhub([]);
    fake.failRefresh = 503;
    const port = await fake.listen();
    const groups = [{ name: 'charmhub', site: 'charm' as const, namespace: 'charmhub', hosts: ['api.charmhub.io'], upstream: `http://api.charmhub.io:${port}` }];
    const juju = await seeded({ mode: 'online', hostGroups: groups, upstreamResolve: { 'api.charmhub.io': `127.0.0.1:${port}` } });
    expect((await juju.deployByRevision('postgresql', 470)).charm!.revision).toBe(470);
  });
});
