import { afterEach, describe, expect, it } from 'vitest';
import { seedCharmhub } from '../../../src/seed/charm/charmhub-seed.js';
import { bundleZip, charmZip, FakeCharmhub } from '../../helpers/fake-charmhub.js';
import { fakeSectionContext } from '../../helpers/fake-section-context.js';
import { tempDir } from '../../helpers/tmp.js';
import { BUNDLE_ID, fakeCharmhub, GRAFANA_ID, jammy, PG_ID, TINY_ID } from './fixture.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function setup(made?: FakeCharmhub) {
  const hub = made ?? (await fakeCharmhub());
  const port = await hub.listen();
  closers.push(() => hub.close());
  const ctx = fakeSectionContext(port, tempDir());
  const warnings: string[] = [];
  ctx.log = { ...ctx.log, warn: (_o: unknown, msg: string) => void warnings.push(msg), info: () => undefined, child: () => ctx.log } as unknown as typeof ctx.log;
  return { hub, ctx, warnings };
}

describe('charms and bundles seeded together', () => {
  it('a bundle brings its charms (by channel and base, by revision) and pinned resources; a charm named twice is fetched once', async () => {
    const { ctx, warnings } = await setup();
    const r = await seedCharmhub([{ name: 'postgresql', channel: '14/stable', bases: ['ubuntu@22.04'], architectures: ['amd64'] }], [{ name: 'db-bundle', architectures: ['amd64'] }], ctx);
    const paths = r.objects.map((o) => o.path);
    expect(paths).toEqual(expect.arrayContaining([
      `/api/v1/charms/download/${BUNDLE_ID}_7.charm`,
      `/api/v1/charms/download/${PG_ID}_468.charm`,
      `/api/v1/charms/download/${GRAFANA_ID}_10.charm`,
      `/api/v1/charms/download/${TINY_ID}_3.charm`,
      `/api/v1/resources/download/charm_${GRAFANA_ID}.grafana-image_5`,
      `/api/v1/resources/download/charm_${PG_ID}.charmed-postgresql-snap_12`,
      '/@charm/names/db-bundle',
      '/@charm/channels/postgresql/amd64/ubuntu/22.04/14/stable',
      '/@charm/channels/grafana-k8s/amd64/ubuntu/22.04/latest/stable',
      `/@charm/revisions/${TINY_ID}/3`,
    ]));
    expect(paths.filter((p) => p.endsWith(`${PG_ID}_468.charm`))).toHaveLength(1);
    expect(ctx.fetched.filter((u) => u.endsWith(`${PG_ID}_468.charm`))).toHaveLength(1);
    expect(r.objects.every((o) => o.ns === 'charmhub')).toBe(true);
    expect(r.requested.map((q) => `${q.section}: ${q.item}`)).toEqual(['charms: postgresql 14/stable ubuntu@22.04 (amd64)', 'bundles: db-bundle stable (amd64)']);
    expect(r.requested[1]!.objects.map(([, p]) => p)).toContain(`/api/v1/charms/download/${PG_ID}_468.charm`);
    expect(r.requested[0]!.objects.map(([, p]) => p)).not.toContain(`/api/v1/charms/download/${TINY_ID}_3.charm`);
    const snaps = warnings.find((w) => w.includes('snaps:'))!;
    expect(snaps).toMatch(/- name: charmed-postgresql\n {4}revision: 429\n {4}architectures: \[amd64\] {3}# postgresql r468 \(refresh_versions\.toml\)/);
    expect(snaps).toMatch(/- name: lxd\n {4}channel: 5\.21\/stable {3}# tiny r3 \(hooks\/install\)/);
  });

  it('the same answers make the same records (a resumed seed composes identical bytes)', async () => {
    const { ctx } = await setup();
    const a = await seedCharmhub([{ name: 'tiny', architectures: ['amd64'] }], [], ctx);
    const b = await seedCharmhub([{ name: 'tiny', architectures: ['amd64'] }], [], ctx);
    expect(b.objects.map((o) => `${o.path} ${o.sha256}`)).toEqual(a.objects.map((o) => `${o.path} ${o.sha256}`));
  });

  it('a bundle pinning a revision of a charm that declares resources, without pinning them: the channel Juju lists them on is seeded too', async () => {
    const RES_ID = 'ResCharmIdResCharmIdResCharmIdRe';
    const meta = { 'metadata.yaml': 'name: res\nresources:\n  data:\n    type: file\n    filename: d.tar\n' };
    const hub = new FakeCharmhub([
      {
        name: 'res',
        id: RES_ID,
        revisions: [
          { revision: 2, version: '2', bases: [jammy()], archive: await charmZip('res', [jammy()], meta) },
          { revision: 3, version: '3', bases: [jammy()], archive: await charmZip('res', [jammy()], meta), resources: [{ name: 'data', revision: 9 }] },
        ],
        resources: [{ name: 'data', type: 'file', revision: 9, filename: 'd.tar', blob: Buffer.from('data') }],
        releases: [{ channel: 'latest/stable', base: jammy(), revision: 3 }],
      },
      { name: 'b', id: 'BBundleIdBBundleIdBBundleIdBBund', type: 'bundle', revisions: [{ revision: 1, version: '1', bases: [], archive: await bundleZip('b', { r: { charm: 'res', revision: 2 } }) }], releases: [{ channel: 'latest/stable', base: { architecture: 'all', name: 'all', channel: 'all' }, revision: 1 }] },
    ]);
    const { ctx } = await setup(hub);
    const r = await seedCharmhub([], [{ name: 'b', architectures: ['amd64'] }], ctx);
    const paths = r.objects.map((o) => o.path);
    expect(paths).toEqual(expect.arrayContaining([`/api/v1/charms/download/${RES_ID}_2.charm`, `/api/v1/charms/download/${RES_ID}_3.charm`, `/api/v1/resources/download/charm_${RES_ID}.data_9`, '/@charm/channels/res/amd64/ubuntu/22.04/latest/stable']));
  });
});
