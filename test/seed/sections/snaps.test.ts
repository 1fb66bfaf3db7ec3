import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseManifest } from '../../../src/seed/manifest.js';
import { snapsSection } from '../../../src/seed/sections/snaps.js';
import { fakeSectionContext } from '../../helpers/fake-section-context.js';
import { HELLO_ID } from '../../helpers/snap-records.js';
import { tempDir } from '../../helpers/tmp.js';
import { DEMO_ID, fakeStore } from '../snap/fake-store-fixture.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function seedWith(yaml: string) {
  const { store } = fakeStore();
  const port = await store.listen();
  closers.push(() => store.close());
  const m = parseManifest(yaml, 'm.yaml');
  const entry = m.sections.find((s) => s.section.key === 'snaps')!;
  const dir = tempDir();
  const ctx = fakeSectionContext(port, dir);
  const r = await snapsSection.seed(entry.config, ctx, entry.companions);
  const record = (path: string) => JSON.parse(readFileSync(join(dir, r.objects.find((o) => o.path === path)!.sha256), 'utf8'));
  return { r, store, record, paths: r.objects.map((o) => o.path).sort() };
}

describe('snaps: section', () => {
  it('hello-lhc on armhf: the blob (sha3-384 checked), its four real assertions and the records', async () => {
    const { r, store, paths } = await seedWith('snaps:\n  - name: hello-lhc\n    architectures: [armhf]\nsnaps-prerequisites: false\n');
    expect(paths).toEqual([
      `/@snap/channels/hello-lhc/armhf/latest/stable`,
      '/@snap/names/hello-lhc',
      `/@snap/revisions/${HELLO_ID}/4`,
      `/api/v1/snaps/download/${HELLO_ID}_4.snap`,
      '/v2/assertions/account-key/BWDEoaqyr25nF5SNCvEv2v7QnM9QsfCc0PBMYD_i2NGSQ32EF2d4D0hqUel3m8ul',
      '/v2/assertions/account/sO7TPbndbZ1UVDdmeHJpWIA4D1hcjWO7',
      `/v2/assertions/snap-declaration/16/${HELLO_ID}`,
      '/v2/assertions/snap-revision/xxQCmRz75gz2c5DDBQ1YXqV5qgV5KnbioiKlft1uIOEzks9LTL1vRY97sEuL19kX',
    ]);
    expect(r.objects.every((o) => o.ns === 'snap-store')).toBe(true);
    expect(r.objects.find((o) => o.path.endsWith('.snap'))!.digests['sha3-384']).toMatch(/^[0-9a-f]{96}$/);
    expect(r.requested).toEqual([{ section: 'snaps', item: 'hello-lhc stable (armhf)', objects: expect.any(Array) }]);
    expect(r.requested[0]!.objects).toHaveLength(8);
    // As snap download asks: the download action, with the architecture header.
    const refresh = store.requests.find((q) => q.url === '/v2/snaps/refresh')!;
    expect(refresh.headers['snap-device-architecture']).toBe('armhf');
    expect(JSON.parse(refresh.body).actions).toEqual([{ action: 'download', 'instance-key': 'download-1', name: 'hello-lhc', epoch: null }]);
    expect(store.requests.some((q) => q.url.startsWith('/v2/assertions/snap-declaration/16/') && q.url.endsWith('?max-format=5'))).toBe(true);
  });

  it('prerequisites by default: base, snapd and content providers, per architecture; channels from info; default track learned', async () => {
    const { r, paths, record } = await seedWith('snaps:\n  - name: demo\n    channel: 2/stable\n    architectures: [amd64, arm64]\n');
    const blobs = paths.filter((p) => p.endsWith('.snap'));
    expect(blobs).toHaveLength(5); // demo 10 and 11; core22, snapd and the themes are one revision for both
    expect(paths).toContain(`/api/v1/snaps/download/${DEMO_ID}_10.snap`);
    expect(paths).toContain(`/api/v1/snaps/download/${DEMO_ID}_11.snap`);
    expect(paths).toContain('/@snap/names/gtk-common-themes');
    expect(paths).toContain('/@snap/channels/demo/amd64/2/edge');
    expect(paths).toContain('/@snap/channels/demo/amd64/1/stable');
    expect(record('/@snap/names/demo')).toMatchObject({ name: 'demo', 'snap-id': DEMO_ID, 'default-track': '2', snap: { summary: 'A demo' } });
    expect(record('/@snap/channels/demo/arm64/2/stable')).toEqual({ revision: 11, 'released-at': '2024-03-04T05:06:07Z' });
    expect(record(`/@snap/revisions/${DEMO_ID}/10`)).toMatchObject({ revision: 10, architectures: ['amd64'], download: { size: 1000 } });
    expect(record(`/@snap/revisions/${DEMO_ID}/10`).media).toBeUndefined();
    expect(r.requested[0]!.item).toBe('demo 2/stable (amd64, arm64)');
    expect(r.requested[0]!.objects.length).toBe(r.objects.length);
  });

  it('a revision pin; an unknown name or an empty channel fail the seed naming the entry', async () => {
    const pinned = await seedWith('snaps:\n  - name: demo\n    revision: 5\nsnaps-prerequisites: false\n');
    expect(pinned.paths).toContain(`/api/v1/snaps/download/${DEMO_ID}_5.snap`);
    await expect(seedWith('snaps:\n  - name: nope\n')).rejects.toThrow(/snaps\[0\]: the store has no snap named nope/);
    await expect(seedWith('snaps:\n  - name: demo\n    channel: 3/stable\n')).rejects.toThrow(/snaps\[0\]: demo has no channel 3\/stable for amd64/);
  });

  it('manifest errors name the key', () => {
    expect(() => parseManifest('snaps:\n  - name: Bad_Name\n', 'm.yaml')).toThrow(/snaps\[0\]\.name: expected a snap name/);
    expect(() => parseManifest('snaps:\n  - name: x\n    channel: stable\n    revision: 3\n', 'm.yaml')).toThrow(/give a channel or a revision, not both/);
    expect(() => parseManifest('snaps:\n  - name: x\n    channel: a/b/c/d\n', 'm.yaml')).toThrow(/expected a channel/);
    expect(() => parseManifest('snaps-prerequisites: true\n', 'm.yaml')).toThrow(/asks for nothing/);
    expect(() => parseManifest('snaps:\n  - name: x\nsnaps-prerequisites: maybe\n', 'm.yaml')).toThrow(/snaps-prerequisites/);
  });
});
