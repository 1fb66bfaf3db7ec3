import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { configSchema, hostGroupSchema } from '../../src/config/schema.js';

describe('config schema', () => {
  it('config/default.yaml documents exactly the built-in defaults', () => {
    const file = parse(readFileSync(new URL('../../config/default.yaml', import.meta.url), 'utf8')) as unknown;
    expect(configSchema.parse(file)).toEqual(configSchema.parse({}));
    expect(Object.keys(file as object).sort()).toEqual(Object.keys(configSchema.parse({})).sort());
  });

  it('defaults to offline, the real ports, the admin door on loopback', () => {
    const c = configSchema.parse({});
    expect(c.mode).toBe('offline');
    expect(c.ports).toEqual(expect.objectContaining({ http: 80, https: 443, dns: 53 }));
    expect(c.admin.listen).toBe('127.0.0.1:9180');
    expect(c.hostGroups.map((g) => g.name)).toEqual(['ubuntu-archive', 'ubuntu-ports', 'maas-images', 'snap-store', 'charmhub']);
  });

  it('normalises host patterns and refuses junk', () => {
    const g = hostGroupSchema.parse({ name: 'x', namespace: 'x', hosts: ['Images.MAAS.io.', '*.Archive.ubuntu.com'], upstream: 'http://images.maas.io' });
    expect(g.hosts).toEqual(['images.maas.io', '*.archive.ubuntu.com']);
    expect(g.site).toBe('generic');
    for (const bad of ['a..b', '*', 'x/y', '*.*.com', '-a.com']) {
      expect(hostGroupSchema.safeParse({ name: 'x', namespace: 'x', hosts: [bad], upstream: 'http://a' }).success, bad).toBe(false);
    }
    expect(hostGroupSchema.safeParse({ name: 'x', namespace: 'x', hosts: ['a'], upstream: 'http://a/with/path' }).success).toBe(false);
  });
});
