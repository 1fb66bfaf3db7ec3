// Builds what admins bring to `import`: gzip tars written entry by entry (hostile ones included),
// Enterprise Store `store-admin export` tarballs of charms (bundle.yaml + one NAME.tar.gz per charm
// holding NAME_REV.charm, NAME_publisher_account.assert, metadata.json and resources/), and
// metadata.json payloads in Charmhub's info shape.
import { gzipSync } from 'node:zlib';
import { encodeHeader, padding } from '../../../src/seed/bundle/ustar.js';
import type { Base } from '../../helpers/fake-charmhub.js';

export interface TarEntry {
  name: string;
  data?: Buffer | string;
  /** ustar typeflag: '0' file (default), '2' symlink, '5' directory. */
  flag?: string;
}

export function tarGz(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const data = Buffer.from(e.data ?? '');
    parts.push(encodeHeader({ name: e.name, size: e.flag && e.flag !== '0' ? 0 : data.length, mtime: 1_704_067_200, flag: e.flag ?? '0' }));
    if (!e.flag || e.flag === '0') parts.push(data, Buffer.alloc(padding(data.length)));
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts));
}

export interface ExportCharm {
  name: string;
  revision: number;
  archive: Buffer;
  metadata?: unknown;
  resources?: { name: string; revision: number; data: Buffer }[];
}

export function charmExport(charms: ExportCharm[], extra: TarEntry[] = []): Buffer {
  return tarGz([
    { name: 'bundle.yaml', data: `applications:\n${charms.map((c) => `  ${c.name}:\n    charm: ${c.name}\n`).join('')}` },
    ...charms.map((c) => ({
      name: `${c.name}.tar.gz`,
      data: tarGz([
        { name: `${c.name}_${c.revision}.charm`, data: c.archive },
        { name: `${c.name}_publisher_account.assert`, data: 'type: account\n' },
        ...(c.metadata !== undefined ? [{ name: 'metadata.json', data: JSON.stringify(c.metadata) }] : []),
        ...(c.resources ?? []).map((r) => ({ name: `resources/${c.name}.${r.name}_${r.revision}`, data: r.data })),
      ]),
    })),
    ...extra,
  ]);
}

/** metadata.json as a Charmhub info answer with the channel map of one revision. */
export function infoMetadata(o: { id: string; name: string; revision: number; track: string; channels: { channel: string; base: Base }[]; resources?: { name: string; type: string; filename: string }[]; sha256?: string }) {
  return {
    type: 'charm',
    id: o.id,
    name: o.name,
    result: { summary: `${o.name} summary`, publisher: { 'display-name': 'Pub' } },
    'default-release': { channel: { name: `${o.track}/stable`, track: o.track, risk: 'stable' }, resources: o.resources ?? [] },
    'channel-map': o.channels.map((c) => ({
      channel: { name: c.channel, track: c.channel.split('/')[0], risk: c.channel.split('/')[1], base: c.base, 'released-at': '2024-05-06T07:08:09Z' },
      revision: { revision: o.revision, version: `v${o.revision}`, 'created-at': '2024-05-01T00:00:00Z', bases: [c.base], download: { size: 1, ...(o.sha256 ? { 'hash-sha-256': o.sha256 } : {}) } },
    })),
  };
}
