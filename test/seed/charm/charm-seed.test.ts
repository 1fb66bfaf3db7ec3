import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { CharmhubClient } from '../../../src/seed/charm/charmhub-client.js';
import { seedCharm } from '../../../src/seed/charm/charm-seed.js';
import { CharmRecords } from '../../../src/seed/charm/records-build.js';
import { fakeSectionContext } from '../../helpers/fake-section-context.js';
import { tempDir } from '../../helpers/tmp.js';
import { fakeCharmhub, PG_ID } from './fixture.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function setup() {
  const hub = await fakeCharmhub();
  const port = await hub.listen();
  closers.push(() => hub.close());
  const ctx = fakeSectionContext(port, tempDir());
  return { hub, ctx, client: new CharmhubClient(ctx.api!, 'https://api.charmhub.io', 2, 1), records: new CharmRecords() };
}

const paths = (r: CharmRecords) => r.files().map((f) => f.path);

describe('seeding one charm', () => {
  it('every base the channel has for the architecture, each asked with a concrete base, archives and resources fetched and checked', async () => {
    const { hub, ctx, client, records } = await setup();
    const s = await seedCharm(client, ctx, records, { name: 'postgresql', architectures: ['amd64'], key: 'charms[0]' });
    expect(s.revisions.sort()).toEqual([468, 469]);
    const refresh = hub.requests.find((r) => r.url === '/v2/charms/refresh')!;
    expect(refresh.headers['content-type']).toBe('application/json');
    expect(refresh.headers['user-agent']).toMatch(/^Juju\//);
    const body = JSON.parse(refresh.body);
    expect(body.context).toEqual([]);
    expect(body.actions.map((a: { channel: string; base: { channel: string } }) => `${a.channel} ${a.base.channel}`)).toEqual(['14/stable 24.04', '14/stable 22.04']);
    expect(ctx.fetched.sort()).toEqual([
      `https://api.charmhub.io/api/v1/charms/download/${PG_ID}_468.charm`,
      `https://api.charmhub.io/api/v1/charms/download/${PG_ID}_469.charm`,
      `https://api.charmhub.io/api/v1/resources/download/charm_${PG_ID}.charmed-postgresql-snap_12`,
      `https://api.charmhub.io/api/v1/resources/download/charm_${PG_ID}.charmed-postgresql-snap_12`,
    ]);
    expect(paths(records)).toEqual([
      '/@charm/names/postgresql',
      `/@charm/ids/${PG_ID}`,
      `/@charm/revisions/${PG_ID}/468`,
      `/@charm/revisions/${PG_ID}/469`,
      '/@charm/channels/postgresql/amd64/ubuntu/22.04/14/stable',
      '/@charm/channels/postgresql/amd64/ubuntu/24.04/14/stable',
      `/@charm/resources/${PG_ID}/charmed-postgresql-snap/12`,
    ]);
    const name = JSON.parse(records.files()[0]!.bytes.toString());
    expect(name).toMatchObject({ type: 'charm', id: PG_ID, name: 'postgresql', 'default-track': '14' });
    expect(s.snaps[0]!.snaps).toEqual([
      { name: 'charmed-postgresql', revision: 429, architecture: 'amd64', from: 'refresh_versions.toml' },
      { name: 'charmed-postgresql', revision: 430, architecture: 'arm64', from: 'refresh_versions.toml' },
    ]);
  });

  it('a bare risk resolves on the default track; named bases and architectures are asked exactly', async () => {
    const { ctx, client, records } = await setup();
    const s = await seedCharm(client, ctx, records, { name: 'postgresql', channel: 'edge', bases: ['jammy'], architectures: ['amd64'], key: 'charms[0]' });
    expect(s.revisions).toEqual([470]);
    expect(paths(records)).toContain('/@charm/channels/postgresql/amd64/ubuntu/22.04/14/edge');
    const rev = JSON.parse(records.files().find((f) => f.path.endsWith('/470'))!.bytes.toString());
    expect(rev.resources).toEqual([{ name: 'charmed-postgresql-snap', revision: 13 }]);
    expect(rev.download['hash-sha-384']).toMatch(/^[0-9a-f]{96}$/);
  });

  it('a closed risk that falls back is recorded on the channel asked and on the one Charmhub resolved', async () => {
    const { ctx, client, records } = await setup();
    const s = await seedCharm(client, ctx, records, { name: 'postgresql', channel: '14/edge', bases: ['ubuntu@24.04'], architectures: ['amd64'], key: 'charms[0]' });
    expect(s.revisions).toEqual([469]);
    expect(paths(records).filter((p) => p.includes('/channels/'))).toEqual(['/@charm/channels/postgresql/amd64/ubuntu/24.04/14/edge', '/@charm/channels/postgresql/amd64/ubuntu/24.04/14/stable']);
  });

  it('a base the channel does not have is an error naming what Charmhub has', async () => {
    const { ctx, client, records } = await setup();
    await expect(seedCharm(client, ctx, records, { name: 'postgresql', channel: '14/edge', bases: ['ubuntu@20.04'], architectures: ['amd64'], key: 'charms[2]' })).rejects.toThrow(
      /charms\[2\]: postgresql on 14\/edge: revision-not-found for ubuntu@20\.04 amd64.*Charmhub has 14\/stable \(ubuntu@22\.04 amd64\)/,
    );
  });

  it('an unknown name, and bytes that do not match the announced sha384, are refused', async () => {
    const { hub, ctx, client, records } = await setup();
    await expect(seedCharm(client, ctx, records, { name: 'nope', architectures: ['amd64'], key: 'charms[1]' })).rejects.toThrow(/charms\[1\]: Charmhub has no charm or bundle named nope/);
    hub.tamper.set(`${PG_ID}_470.charm`, Buffer.from('not the charm'));
    await expect(seedCharm(client, ctx, records, { name: 'postgresql', channel: '14/edge', architectures: ['amd64'], key: 'charms[0]' })).rejects.toThrow(/digest mismatch/);
  });

  it('by revision: base null, no resources unless pinned; an oci-image resource pinned is fetched', async () => {
    const { hub, ctx, client, records } = await setup();
    const s = await seedCharm(client, ctx, records, { name: 'grafana-k8s', revision: 10, resources: { 'grafana-image': 5 }, architectures: ['amd64'], key: 'bundles[0]' });
    expect(s.revisions).toEqual([10]);
    const action = JSON.parse(hub.requests.find((r) => r.url === '/v2/charms/refresh')!.body).actions[0];
    expect(action).toMatchObject({ action: 'install', name: 'grafana-k8s', revision: 10, base: null, 'resource-revisions': [{ name: 'grafana-image', revision: 5 }] });
    const res = JSON.parse(records.files().find((f) => f.path.includes('/@charm/resources/'))!.bytes.toString());
    const blob = hub.charms.find((c) => c.name === 'grafana-k8s')!.resources![0]!.blob;
    expect(res).toMatchObject({ type: 'oci-image', revision: 5, download: { size: blob.length, 'hash-sha-384': createHash('sha384').update(blob).digest('hex') } });
    expect(paths(records).some((p) => p.includes('/@charm/channels/'))).toBe(false);
  });

  it('a bundle: its archive (bundle.yaml and README.md) on the all/all/all base, with bundle-yaml in its revision record', async () => {
    const { ctx, client, records } = await setup();
    const s = await seedCharm(client, ctx, records, { name: 'db-bundle', architectures: ['amd64'], key: 'bundles[0]' });
    expect(s.type).toBe('bundle');
    expect(s.bundleYamls[0]).toMatch(/charm: ch:postgresql/);
    expect(paths(records)).toContain('/@charm/channels/db-bundle/all/all/all/latest/stable');
    const rev = JSON.parse(records.files().find((f) => f.path.includes('/@charm/revisions/'))!.bytes.toString());
    expect(rev['bundle-yaml']).toMatch(/applications:/);
  });
});
