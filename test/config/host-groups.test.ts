import { describe, expect, it } from 'vitest';
import { HostMatcher, isHostName } from '../../src/config/host-groups.js';
import { configSchema } from '../../src/config/schema.js';

const matcher = new HostMatcher(configSchema.parse({}).hostGroups);

describe('HostMatcher', () => {
  it('matches exact names, case-insensitively, with or without a trailing dot', () => {
    expect(matcher.match('images.maas.io')?.name).toBe('maas-images');
    expect(matcher.match('IMAGES.MAAS.IO.')?.name).toBe('maas-images');
    expect(matcher.match('security.ubuntu.com')?.namespace).toBe('ubuntu-archive');
  });
  it('matches wildcards at any depth, but not the bare suffix or look-alikes', () => {
    expect(matcher.match('gb.archive.ubuntu.com')?.name).toBe('ubuntu-archive');
    expect(matcher.match('us-east-1.ec2.archive.ubuntu.com')?.name).toBe('ubuntu-archive');
    expect(matcher.match('canonical-lgw01.cdn.snapcraftcontent.com')?.name).toBe('snap-store');
    expect(matcher.match('cdn.snapcraftcontent.com')).toBeUndefined();
    expect(matcher.match('evilarchive.ubuntu.com')).toBeUndefined();
    expect(matcher.match('archive.ubuntu.com.evil.com')).toBeUndefined();
  });
  it('never matches names with characters DNS names cannot have', () => {
    expect(matcher.match('../../x.archive.ubuntu.com')).toBeUndefined();
    expect(matcher.match('a b.archive.ubuntu.com')).toBeUndefined();
    expect(isHostName('')).toBe(false);
    expect(isHostName('a'.repeat(64) + '.com')).toBe(false);
  });
  it('lists every pattern', () => {
    expect(matcher.patterns()).toContain('*.archive.ubuntu.com');
  });
});
