import { describe, expect, it } from 'vitest';
import { AgcError } from '../../../src/errors.js';
import { silentLogger } from '../../../src/log.js';
import type { FetchSpec, SectionContext } from '../../../src/seed/sections/section.js';
import { urlsSection } from '../../../src/seed/sections/urls.js';

function ctx(fail: (url: string) => string | undefined = () => undefined): SectionContext & { fetched: FetchSpec[] } {
  const fetched: FetchSpec[] = [];
  return {
    fetched,
    log: silentLogger(),
    target: (url) => ({ ns: new URL(url).hostname === 'images.maas.io' ? 'maas-images' : 'ubuntu-archive', path: new URL(url).pathname }),
    fetch: async (spec) => {
      fetched.push(spec);
      const why = fail(spec.url);
      if (why) throw new AgcError('AGC_ERR_NOT_FOUND', `${spec.url}: ${why}`);
      const object = { ns: spec.ns, path: spec.path, sha256: 'a'.repeat(64), size: 1, contentType: 'x/y', lastModified: 0, fetchedAt: 0, digests: {}, url: spec.url };
      return { object, file: '/dev/null' };
    },
  };
}

describe('urls section', () => {
  it('fetches every URL at its target, passing published digests on', async () => {
    const c = ctx();
    const r = await urlsSection.seed(['http://images.maas.io/a', { url: 'https://images.maas.io/b', sha256: 'F'.repeat(64), size: 9 }], c);
    expect(c.fetched).toEqual([
      { url: 'http://images.maas.io/a', ns: 'maas-images', path: '/a', expectedSha256: undefined, expectedSize: undefined },
      { url: 'https://images.maas.io/b', ns: 'maas-images', path: '/b', expectedSha256: 'f'.repeat(64), expectedSize: 9 },
    ]);
    expect(r.objects.map((o) => o.path)).toEqual(['/a', '/b']);
    expect(r.requested).toEqual([
      { section: 'urls', item: 'http://images.maas.io/a', objects: [['maas-images', '/a']] },
      { section: 'urls', item: 'https://images.maas.io/b', objects: [['maas-images', '/b']] },
    ]);
  });

  it('tries every URL and reports all failures together', async () => {
    const c = ctx((url) => (url.endsWith('/missing') || url.endsWith('/gone') ? 'upstream has no such object (404)' : undefined));
    const p = urlsSection.seed(['http://images.maas.io/missing', 'http://images.maas.io/ok', 'http://images.maas.io/gone'], c);
    await expect(p).rejects.toMatchObject({ code: 'AGC_ERR_SEED', message: expect.stringMatching(/2 of 3 could not be fetched:\n.*\/missing.*\n.*\/gone/) });
    expect(c.fetched).toHaveLength(3);
  });

  it('check: two URLs that land on the same cache object are a manifest error', () => {
    expect(() => urlsSection.check!(['http://images.maas.io/a', 'https://images.maas.io/a'], ctx())).toThrow(/urls\[1\]: .* is the same cache object \(maas-images:\/a\) as urls\[0\]/);
  });
});
