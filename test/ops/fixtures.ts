// Shared by the ops tests: a suite's InRelease (clear-signed in shape; these tests never verify it)
// with the Packages indices it lists, put straight into a store; a sample status model.
import { createHash } from 'node:crypto';
import { configSchema } from '../../src/config/schema.js';
import type { StatusModel } from '../../src/ops/status-model.js';
import { Traffic } from '../../src/ops/traffic.js';
import { putBytes } from '../../src/store/put-bytes.js';
import type { Store } from '../../src/store/store.js';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

export const SNAPSHOT = Date.UTC(2024, 3, 25, 15, 10, 33);

export function inRelease(suite: string, files: Record<string, Buffer>): Buffer {
  const lines = Object.entries(files).map(([path, b]) => ` ${sha(b)} ${b.length} ${path}`);
  return Buffer.from(
    [
      '-----BEGIN PGP SIGNED MESSAGE-----',
      'Hash: SHA512',
      '',
      'Origin: Ubuntu',
      `Suite: ${suite}`,
      `Date: ${new Date(SNAPSHOT).toUTCString()}`,
      'Architectures: amd64 arm64',
      'Components: main universe',
      'Acquire-By-Hash: yes',
      'SHA256:',
      ...lines,
      '-----BEGIN PGP SIGNATURE-----',
      '',
      'iQ==',
      '-----END PGP SIGNATURE-----',
      '',
    ].join('\n'),
  );
}

/** noble in ubuntu-archive: main/amd64 stored by name, universe/arm64 by hash only, main/arm64 with other bytes. */
export async function seedSuite(store: Store, ns = 'ubuntu-archive', root = '/ubuntu', suite = 'noble'): Promise<void> {
  const files = {
    'main/binary-amd64/Packages.xz': Buffer.from('main amd64'),
    'main/binary-arm64/Packages.xz': Buffer.from('main arm64'),
    'universe/binary-arm64/Packages.xz': Buffer.from('universe arm64'),
    'main/i18n/Translation-en.xz': Buffer.from('en'),
  };
  const dir = `${root}/dists/${suite}`;
  const put = (path: string, bytes: Buffer) => ({ ns, path: `${dir}/${path}`, bytes, contentType: 'application/octet-stream', source: 'import:test' });
  await putBytes(store, [
    put('InRelease', inRelease(suite, files)),
    put('main/binary-amd64/Packages.xz', files['main/binary-amd64/Packages.xz']),
    put('main/binary-arm64/Packages.xz', Buffer.from('other bytes')),
    put(`universe/binary-arm64/by-hash/SHA256/${sha(files['universe/binary-arm64/Packages.xz'])}`, files['universe/binary-arm64/Packages.xz']),
  ]);
}

/** A status model with a bit of everything, for the page renderers. */
export function sampleModel(over: Partial<StatusModel> = {}): StatusModel {
  const now = Date.UTC(2024, 4, 1, 12, 0, 0);
  const config = configSchema.parse({});
  const traffic = new Traffic();
  traffic.add('ubuntu-archive', 'hit', 3000);
  traffic.add('ubuntu-archive', 'hit', 3000);
  traffic.add('ubuntu-archive', 'hit', 3000);
  traffic.add('ubuntu-archive', 'offline-miss', 10);
  traffic.add(undefined, 'refused', 40);
  const cert = (subject: string, days: number) => ({ pem: '', fingerprint256: 'AA:BB:CC', subject, issuer: subject, notBefore: new Date(now - 86_400_000), notAfter: new Date(now + days * 86_400_000), isCa: true });
  return {
    now,
    version: '9.9.9',
    mode: 'offline',
    startedAt: now - 3 * 3600_000,
    hostGroups: config.hostGroups,
    summary: {
      at: now - 5000,
      namespaces: [{ ns: 'ubuntu-archive', objects: 1234, bytes: 5 * 1024 ** 3 }],
      imports: [{ bundleId: 'f'.repeat(64), bundle: 'noble.bundle', kind: 'seed', tool: 'airgap-cache', createdAt: '', importedAt: new Date(now - 86_400_000).toISOString(), requested: [{ section: 'apt', item: 'noble', objects: 3, present: 3 }], complete: true }],
      apt: [{ ns: 'ubuntu-archive', root: '/ubuntu', suite: 'noble-updates', snapshot: SNAPSHOT, storedAt: now - 86_400_000, components: ['main', 'universe'], architectures: ['amd64'] }],
      images: [{ ns: 'maas-images', stream: '/ephemeral-v3/stable/', versions: [{ product: 'p', os: 'ubuntu', release: 'noble', arch: 'amd64', subarch: 'ga-24.04', version: '20250805', complete: false, missing: ['boot-initrd'] }] }],
      snaps: [{ ns: 'snap-store', snaps: [{ name: 'lxd', channel: 'latest/stable', revision: 31333, version: '6.1', architectures: ['amd64', 'arm64'], complete: true }, { name: 'core22', channel: 'latest/stable', revision: 1380, version: '20240408', architectures: ['amd64'], complete: false }] }],
      ca: { certsDir: '/c', keyMode: '0600', current: { ...cert('CN=airgap-cache CA', 3650), role: 'current' }, previous: [], leaves: [{ name: 'archive.ubuntu.com', fingerprint256: 'x', notAfter: new Date(now + 20 * 86_400_000), signedByCurrentCa: true }] },
    },
    traffic: traffic.list(),
    totals: traffic.totals(),
    top: [{ key: 'k', count: 3, bytes: 9000, info: { group: 'ubuntu-archive', host: 'archive.ubuntu.com', path: '/ubuntu/dists/noble-updates/InRelease' }, last: now - 1000 }],
    misses: [{ url: 'http://archive.ubuntu.com/ubuntu/pool/main/h/hello/hello_1_amd64.deb', group: 'ubuntu-archive', namespace: 'ubuntu-archive', site: 'apt', host: 'archive.ubuntu.com', path: '/ubuntu/pool/main/h/hello/hello_1_amd64.deb', query: '', cache: 'offline-miss', status: 404, count: 2, first: now - 600_000, last: now - 120_000 }],
    dns: { total: 10, byAnswer: [['answer', 8], ['refused', 2]], names: [{ key: 'archive.ubuntu.com', count: 8, bytes: 0, info: null, last: now }], refused: [{ key: 'esm.ubuntu.com', count: 2, bytes: 0, info: null, last: now }] },
    jobs: [],
    fills: { inFlight: 0, waiting: 0 },
    ...over,
  };
}
