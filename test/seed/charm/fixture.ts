// A fake Charmhub (test/helpers/fake-charmhub.ts) holding: postgresql (default track 14; two bases
// on 14/stable for amd64, one on arm64, a newer 14/edge; a file resource whose revision differs by
// channel; refresh_versions.toml pinning its snap), grafana-k8s (an oci-image resource), tiny (a
// shell install hook that installs lxd), and the db-bundle bundle naming all three.
import { bundleZip, charmZip, FakeCharmhub, type Base, type FakeCharm } from '../../helpers/fake-charmhub.js';

export const PG_ID = 'PostgresqlIdPostgresqlIdPostgres';
export const GRAFANA_ID = 'GrafanaK8sIdGrafanaK8sIdGrafanaK';
export const TINY_ID = 'TinyCharmIdTinyCharmIdTinyCharmI';
export const BUNDLE_ID = 'DbBundleIdDbBundleIdDbBundleIdDb';

export const jammy = (architecture = 'amd64'): Base => ({ architecture, name: 'ubuntu', channel: '22.04' });
export const noble = (architecture = 'amd64'): Base => ({ architecture, name: 'ubuntu', channel: '24.04' });

const refreshVersions = '[charm]\nversion = "14"\n\n[snap]\nname = "charmed-postgresql"\n\n[snap.revisions]\n# pinned per architecture\nx86_64 = "429"\naarch64 = "430"\n';
const installHook = '#!/bin/sh\nset -e\nsnap install lxd --channel 5.21/stable\nsnap install "$EXTRA"\n';
const ociImage = (name: string) => Buffer.from(JSON.stringify({ ImageName: `registry.jujucharms.com/charm/${GRAFANA_ID.toLowerCase()}/${name}@sha256:${'ab'.repeat(32)}`, Username: 'docker-registry', Password: 'MDAxOGxvY2F0aW9uIGNoYXJtc3Rvcm' }));

export async function fakeCharms(): Promise<FakeCharm[]> {
  const pg = (bases: Base[]) => charmZip('postgresql', bases, { 'refresh_versions.toml': refreshVersions });
  return [
    {
      name: 'postgresql',
      id: PG_ID,
      defaultTrack: '14',
      summary: 'Charmed PostgreSQL',
      revisions: [
        { revision: 468, version: 'abc468', bases: [jammy()], archive: await pg([jammy()]), resources: [{ name: 'charmed-postgresql-snap', revision: 12 }] },
        { revision: 469, version: 'abc469', bases: [noble()], archive: await pg([noble()]), resources: [{ name: 'charmed-postgresql-snap', revision: 12 }] },
        { revision: 470, version: 'abc470', bases: [jammy()], archive: await pg([jammy()]), resources: [{ name: 'charmed-postgresql-snap', revision: 13 }] },
        { revision: 471, version: 'abc471', bases: [jammy('arm64')], archive: await pg([jammy('arm64')]), resources: [{ name: 'charmed-postgresql-snap', revision: 12 }] },
      ],
      resources: [
        { name: 'charmed-postgresql-snap', type: 'file', revision: 12, filename: 'postgresql.snap', description: 'the snap', blob: Buffer.from('snap 12 '.repeat(300)) },
        { name: 'charmed-postgresql-snap', type: 'file', revision: 13, filename: 'postgresql.snap', description: 'the snap', blob: Buffer.from('snap 13 '.repeat(300)) },
      ],
      releases: [
        { channel: '14/stable', base: jammy(), revision: 468 },
        { channel: '14/stable', base: noble(), revision: 469 },
        { channel: '14/stable', base: jammy('arm64'), revision: 471 },
        { channel: '14/edge', base: jammy(), revision: 470 },
      ],
    },
    {
      name: 'grafana-k8s',
      id: GRAFANA_ID,
      summary: 'Grafana on Kubernetes',
      revisions: [{ revision: 10, version: '10', bases: [jammy()], archive: await charmZip('grafana-k8s', [jammy()]), resources: [{ name: 'grafana-image', revision: 5 }] }],
      resources: [{ name: 'grafana-image', type: 'oci-image', revision: 5, filename: '', description: 'OCI image', blob: ociImage('grafana-image') }],
      releases: [{ channel: 'latest/stable', base: jammy(), revision: 10 }],
    },
    {
      name: 'tiny',
      id: TINY_ID,
      revisions: [{ revision: 3, version: '1.0', bases: [jammy()], archive: await charmZip('tiny', [jammy()], { 'hooks/install': installHook }) }],
      releases: [{ channel: 'latest/stable', base: jammy(), revision: 3 }],
    },
    {
      name: 'db-bundle',
      id: BUNDLE_ID,
      type: 'bundle',
      revisions: [
        {
          revision: 7,
          version: '7',
          bases: [],
          archive: await bundleZip('db-bundle', {
            db: { charm: 'ch:postgresql', channel: '14/stable', base: 'ubuntu@22.04' },
            dash: { charm: 'grafana-k8s', channel: 'latest/stable', resources: { 'grafana-image': 5 } },
            small: { charm: 'tiny', revision: 3 },
          }),
        },
      ],
      releases: [{ channel: 'latest/stable', base: { architecture: 'all', name: 'all', channel: 'all' }, revision: 7 }],
    },
  ];
}

export async function fakeCharmhub(): Promise<FakeCharmhub> {
  return new FakeCharmhub(await fakeCharms());
}
