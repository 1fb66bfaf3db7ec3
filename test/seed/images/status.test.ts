import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/schema.js';
import { silentLogger } from '../../../src/log.js';
import { imagesStatus } from '../../../src/seed/images/status.js';
import { importMirrorTree } from '../../../src/seed/images/tree-import.js';
import { openStore } from '../../../src/store/store.js';
import { imagesFixture, type StreamFixture } from '../../helpers/images-stream.js';
import { sstreamClient } from '../../helpers/sstream-client.js';
import { StaticUpstream } from '../../helpers/static-upstream.js';
import { tempDir } from '../../helpers/tmp.js';

let fx: StreamFixture;
let upstream: StaticUpstream;
let mirror: string;
beforeAll(async () => {
  fx = imagesFixture({ versions: ['20250701', '20250805'], squashfsBytes: 2000 });
  upstream = new StaticUpstream(fx.www);
  const port = await upstream.listen(0, '127.0.0.1');
  mirror = join(fx.www, '..', 'mirror/ephemeral-v3/stable');
  await sstreamClient({ url: `http://127.0.0.1:${port}/ephemeral-v3/stable/`, keyring: fx.key.keyring, out: mirror, max: 1, filters: ['arch=amd64', 'release=noble', 'ftype!=manifest'] });
});
afterAll(() => upstream.close());

describe('images status', () => {
  it('lists per stream the product versions whose items are stored (manifest aside), complete or partial', async () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    await importMirrorTree({ store, dir: mirror, keyrings: [fx.key.keyring], hostGroups: configSchema.parse({}).hostGroups, log: silentLogger() });
    store.remove('maas-images', '/ephemeral-v3/stable/noble/amd64/20250805/hwe-24.04/generic/boot-initrd');
    const [s, ...rest] = await imagesStatus(store, new Set(['maas-images']), [fx.key.keyring]);
    expect(rest).toEqual([]);
    expect(s).toEqual({
      ns: 'maas-images',
      stream: '/ephemeral-v3/stable/',
      versions: [
        { product: 'com.ubuntu.maas.stable:v3:boot:24.04:amd64:ga-24.04', os: 'ubuntu', release: 'noble', arch: 'amd64', subarch: 'ga-24.04', version: '20250805', complete: true, missing: [] },
        { product: 'com.ubuntu.maas.stable:v3:boot:24.04:amd64:hwe-24.04', os: 'ubuntu', release: 'noble', arch: 'amd64', subarch: 'hwe-24.04', version: '20250805', complete: false, missing: ['boot-initrd'] },
      ],
    });
    store.close();
  });

  it('says when the stored metadata does not verify with the keyring', async () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    await importMirrorTree({ store, dir: mirror, keyrings: [fx.key.keyring], hostGroups: configSchema.parse({}).hostGroups, log: silentLogger() });
    const wrong = new URL('../../../../shared/fixtures/keyrings/ubuntu-cloudimage-keyring.gpg', import.meta.url).pathname;
    const [s] = await imagesStatus(store, new Set(['maas-images']), [wrong]);
    expect(s).toMatchObject({ stream: '/ephemeral-v3/stable/', versions: [], problem: expect.stringMatching(/signature not valid/) });
    expect(await imagesStatus(store, new Set(['other']), [wrong])).toEqual([]);
    store.close();
  });
});
