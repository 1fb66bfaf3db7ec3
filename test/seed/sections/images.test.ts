import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../../../src/seed/manifest.js';
import { imagesSection } from '../../../src/seed/sections/images.js';
import { fakeSectionContext } from '../../helpers/fake-section-context.js';
import { imagesFixture, type StreamFixture } from '../../helpers/images-stream.js';
import { StaticUpstream } from '../../helpers/static-upstream.js';
import { tempDir } from '../../helpers/tmp.js';

let fx: StreamFixture;
let upstream: StaticUpstream;
let port: number;
beforeAll(async () => {
  fx = imagesFixture({ versions: ['20250805'], squashfsBytes: 2000 });
  upstream = new StaticUpstream(fx.www);
  port = await upstream.listen(0, '127.0.0.1');
});
afterAll(() => upstream.close());

describe('images section', () => {
  it('defaults: the Ubuntu cloud-image keyring, no filters, newest version, bootloaders', () => {
    const [s] = imagesSection.schema.parse([{ stream: 'http://images.maas.io/ephemeral-v3/stable/' }]) as { keyring: string; filters: unknown[]; max: number; bootloaders: boolean }[];
    expect(s).toMatchObject({ keyring: '/usr/share/keyrings/ubuntu-cloudimage-keyring.gpg', filters: [], max: 1, bootloaders: true });
  });

  it('a manifest names a bad filter, an unsigned index or a bad max at its line', () => {
    expect(() => parseManifest('images:\n  - stream: http://images.maas.io/ephemeral-v3/stable/\n    filters: ["arch=amd64", "release"]\n', 'm.yaml')).toThrow(/m\.yaml:3: images\[0\]\.filters\[1\]: filter "release" is not key=value/);
    expect(() => parseManifest('images:\n  - stream: http://images.maas.io/ephemeral-v3/stable/streams/v1/index.json\n', 'm.yaml')).toThrow(/images\[0\]\.stream: .*unsigned index/);
    expect(() => parseManifest('images:\n  - stream: http://images.maas.io/ephemeral-v3/stable/\n    max: 0\n', 'm.yaml')).toThrow(/images\[0\]\.max/);
    expect(() => parseManifest('images:\n  - stream: images.maas.io\n', 'm.yaml')).toThrow(/expected an http\(s\) URL/);
  });

  it('check: the stream must be on a served host', () => {
    const ctx = fakeSectionContext(port, tempDir());
    const config = imagesSection.schema.parse([{ stream: 'http://cloud-images.ubuntu.com/releases/' }]);
    expect(() => imagesSection.check!(config, ctx)).toThrow(/images\[0\]\.stream: .*no host group serves/);
  });

  it('seeds each entry; objects two entries share are carried once', async () => {
    const config = imagesSection.schema.parse([
      { stream: 'http://images.maas.io/ephemeral-v3/stable/', keyring: fx.key.keyring, filters: ['arch=amd64', 'release=noble'] },
      { stream: 'http://images.maas.io/ephemeral-v3/stable/', keyring: fx.key.keyring, filters: ['arch=arm64', 'release=noble'], bootloaders: false },
    ]);
    const r = await imagesSection.seed(config, fakeSectionContext(port, tempDir()));
    const paths = r.objects.map((o) => o.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toContain('/ephemeral-v3/stable/noble/arm64/20250805/squashfs');
    expect(paths).toContain('/ephemeral-v3/stable/noble/amd64/20250805/squashfs');
    expect(r.requested.map((q) => q.item)).toEqual(['http://images.maas.io/ephemeral-v3/stable/ arch=amd64 release=noble max=1 +bootloaders', 'http://images.maas.io/ephemeral-v3/stable/ arch=arm64 release=noble max=1']);
  });
});
