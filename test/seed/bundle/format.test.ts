import { describe, expect, it } from 'vitest';
import { blobEntryName, blobOfEntry, bundleObjectSchema, storePathProblem, toolVersion } from '../../../src/seed/bundle/format.js';

const hex = 'ab' + 'c'.repeat(62);

describe('bundle format', () => {
  it('payload names are content addresses, and only those', () => {
    expect(blobOfEntry(blobEntryName(hex))).toBe(hex);
    expect(blobOfEntry(`blobs/sha256/cd/${hex}`)).toBeUndefined();
    expect(blobOfEntry(`blobs/sha256/ab/${hex}/x`)).toBeUndefined();
    expect(blobOfEntry(`blobs/sha256/ab/../${hex}`)).toBeUndefined();
    expect(blobOfEntry('airgap-cache-bundle/end.json')).toBeUndefined();
  });

  it('store paths must be what a request could map to', () => {
    expect(storePathProblem('/ephemeral-v3/stable/com.ubuntu.maas:v3:download.json')).toBeUndefined();
    expect(storePathProblem('relative')).toMatch(/start with \//);
    expect(storePathProblem('/a/../b')).toMatch(/\.\. segment/);
    expect(storePathProblem('/a/./b')).toMatch(/segment/);
    expect(storePathProblem('/a\\b')).toMatch(/backslash/);
    expect(storePathProblem('/a\u0000b')).toMatch(/control/);
    expect(storePathProblem('/' + 'x'.repeat(5000))).toMatch(/4096/);
  });

  it('object lines are strict: unknown keys and bad digests are refused', () => {
    const ok = { ns: 'maas-images', path: '/a', sha256: hex, size: 1, contentType: 'x/y', lastModified: 0, fetchedAt: 0, digests: { sha512: 'ff' } };
    expect(bundleObjectSchema.safeParse(ok).success).toBe(true);
    expect(bundleObjectSchema.safeParse({ ...ok, extra: 1 }).success).toBe(false);
    expect(bundleObjectSchema.safeParse({ ...ok, sha256: 'AB' + 'c'.repeat(62) }).success).toBe(false);
    expect(bundleObjectSchema.safeParse({ ...ok, ns: '../x' }).success).toBe(false);
    expect(bundleObjectSchema.safeParse({ ...ok, size: -1 }).success).toBe(false);
  });

  it('names the tool and its version from package.json', () => {
    expect(toolVersion()).toMatch(/^airgap-cache \d+\.\d+\.\d+/);
  });
});
