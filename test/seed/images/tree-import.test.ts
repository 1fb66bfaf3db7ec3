import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/schema.js';
import { silentLogger } from '../../../src/log.js';
import { importMirrorTree, type TreeImportOptions } from '../../../src/seed/images/tree-import.js';
import { openStore, type Store } from '../../../src/store/store.js';
import { imagesFixture, type StreamFixture } from '../../helpers/images-stream.js';
import { sstreamClient } from '../../helpers/sstream-client.js';
import { StaticUpstream } from '../../helpers/static-upstream.js';
import { tempDir } from '../../helpers/tmp.js';

let fx: StreamFixture;
let upstream: StaticUpstream;
let mirror: string;
beforeAll(async () => {
  fx = imagesFixture({ versions: ['20250701', '20250805'], squashfsBytes: 3000 });
  upstream = new StaticUpstream(fx.www);
  const port = await upstream.listen(0, '127.0.0.1');
  // The MAAS docs' two passes: images, then bootloaders.
  mirror = join(fx.www, '..', 'mirror/maas/images/ephemeral-v3/stable');
  const url = `http://127.0.0.1:${port}/ephemeral-v3/stable/`;
  await sstreamClient({ url, keyring: fx.key.keyring, out: mirror, max: 1, filters: ['arch=amd64', 'release~(jammy|noble)'] });
  await sstreamClient({ url, keyring: fx.key.keyring, out: mirror, max: 1, filters: ['os~(grub*|pxelinux)'] });
});
afterAll(() => upstream.close());

const groups = configSchema.parse({}).hostGroups;
const run = (store: Store, dir: string, extra: Partial<TreeImportOptions> = {}) => importMirrorTree({ store, dir, keyrings: [fx.key.keyring], hostGroups: groups, log: silentLogger(), ...extra });
const stateOf = (store: Store) => ({ entries: [...store.entries()].map((e) => `${e.path} ${e.sha256}`), imports: store.importRecords().length });

describe('importing an sstream-mirror tree', () => {
  it('verifies the signed metadata and every item present, and makes all of it visible at its images.maas.io path', async () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    const s = await run(store, join(mirror, '../../..'));
    expect(s.streams).toEqual([{ url: 'http://images.maas.io/ephemeral-v3/stable/', metadata: 3, items: 12 + 4, absent: expect.any(Number) }]);
    expect(s.counts.added).toBe(3 + 16);
    const squash = fx.items.find((i) => i.path === 'noble/amd64/20250805/squashfs')!;
    expect(store.lookup('maas-images', '/ephemeral-v3/stable/noble/amd64/20250805/squashfs')).toMatchObject({ sha256: squash.sha256, size: squash.size });
    expect(readFileSync(store.blobPath(store.lookup('maas-images', '/ephemeral-v3/stable/streams/v1/index.sjson')!.sha256))).toEqual(readFileSync(join(fx.root, 'streams/v1/index.sjson')));
    expect(store.lookup('maas-images', '/ephemeral-v3/stable/noble/arm64/20250805/squashfs')).toBeUndefined();
    expect(store.importRecords()[0]!.info).toMatchObject({ kind: 'sstream-mirror', bundle: join(mirror, '../../..') });
    const again = await run(store, mirror);
    expect(again.alreadyImportedAt).toBeDefined();
    store.close();
  });

  it('a tampered item: AGC_ERR_MIRROR naming the file, and the store stays as it was', async () => {
    const copy = join(tempDir(), 'ephemeral-v3/stable');
    cpSync(mirror, copy, { recursive: true });
    const f = join(copy, 'jammy/amd64/20250805/squashfs');
    const body = readFileSync(f);
    body[100]! ^= 1;
    writeFileSync(f, body);
    const dataDir = tempDir();
    const store = openStore({ dataDir, watchIntervalMs: 0 });
    await expect(run(store, copy)).rejects.toMatchObject({ code: 'AGC_ERR_MIRROR', message: expect.stringContaining(`${f} sha256`) });
    expect(stateOf(store)).toEqual({ entries: [], imports: 0 });
    expect(readdirSync(join(dataDir, 'blobs'), { recursive: true }).filter((p) => /[0-9a-f]{64}$/.test(String(p)))).toEqual([]);
    store.close();
  });

  it('metadata its keyring did not sign: AGC_ERR_SIGNATURE, nothing imported', async () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    const wrong = new URL('../../../../shared/fixtures/keyrings/ubuntu-cloudimage-keyring.gpg', import.meta.url).pathname;
    await expect(run(store, mirror, { keyrings: [wrong] })).rejects.toMatchObject({ code: 'AGC_ERR_SIGNATURE' });
    expect(stateOf(store)).toEqual({ entries: [], imports: 0 });
    store.close();
  });

  it('a tree whose path does not tell its stream needs --images-url; a directory without streams is refused', async () => {
    const copy = join(tempDir(), 'somewhere');
    cpSync(mirror, copy, { recursive: true });
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    // the content ids (com.ubuntu.maas:stable:…) tell it
    expect((await run(store, copy)).streams[0]!.url).toBe('http://images.maas.io/ephemeral-v3/stable/');
    const other = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    expect((await run(other, copy, { url: 'http://images.maas.io/ephemeral-v3/candidate' })).streams[0]!.url).toBe('http://images.maas.io/ephemeral-v3/candidate/');
    expect(other.lookup('maas-images', '/ephemeral-v3/candidate/streams/v1/index.sjson')).toBeDefined();
    await expect(run(other, tempDir())).rejects.toMatchObject({ code: 'AGC_ERR_MIRROR', message: expect.stringMatching(/no streams\/v1\/index\.sjson in it or below it/) });
    await expect(run(other, copy, { url: 'http://cloud-images.ubuntu.com/x/' })).rejects.toThrow(/no host group serves/);
    store.close();
    other.close();
  });
});
