import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentRelease } from '../../../src/sites/apt/current-release.js';
import { defaultSiteSettings, type SiteContext } from '../../../src/sites/site.js';
import type { ObjectMeta } from '../../../src/store/types.js';

const doc = readFileSync(new URL('../../../../shared/fixtures/apt/ubuntu/dists/noble/InRelease', import.meta.url));

describe('currentRelease', () => {
  it('parses the stored InRelease of a suite once per content', async () => {
    let reads = 0;
    const meta = { sha256: 'f'.repeat(64) } as ObjectMeta;
    const ctx: SiteContext = {
      settings: defaultSiteSettings,
      lookup: (ns, path) => (ns === 'ubuntu-archive' && path === '/ubuntu/dists/noble/InRelease' ? meta : undefined),
      read: async () => {
        reads += 1;
        return doc;
      },
    };
    const r = await currentRelease(ctx, 'ubuntu-archive', '/ubuntu/dists/noble');
    expect(r?.fields.get('suite')).toBe('noble');
    await currentRelease(ctx, 'ubuntu-archive', '/ubuntu/dists/noble');
    expect(reads).toBe(1);
    expect(await currentRelease(ctx, 'ubuntu-archive', '/ubuntu/dists/jammy')).toBeUndefined();
  });
});
