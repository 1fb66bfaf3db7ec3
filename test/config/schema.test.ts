import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { configSchema, hostGroupSchema, isLoopbackListen } from '../../src/config/schema.js';

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

  it('takes http.workers as a count, 0 or "auto"; one process by default', () => {
    const base = { dataDir: '/d', certsDir: '/c' };
    expect(configSchema.parse(base).http.workers).toBe(1);
    expect(configSchema.parse({ ...base, http: { workers: 'auto' } }).http.workers).toBe('auto');
    expect(configSchema.parse({ ...base, http: { workers: 0 } }).http.workers).toBe(0);
    expect(configSchema.safeParse({ ...base, http: { workers: -1 } }).success).toBe(false);
    expect(configSchema.safeParse({ ...base, http: { workers: 'many' } }).success).toBe(false);
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
  it('an admin door off loopback needs a token of at least 16 characters', () => {
    expect(configSchema.safeParse({ admin: { listen: '0.0.0.0:9180' } }).success).toBe(false);
    const issue = configSchema.safeParse({ admin: { listen: '10.0.0.5:9180' } }).error?.issues[0];
    expect(issue?.path).toEqual(['admin', 'token']);
    expect(issue?.message).toMatch(/reachable from other machines/);
    expect(configSchema.safeParse({ admin: { listen: '10.0.0.5:9180', token: 'short' } }).success).toBe(false);
    expect(configSchema.parse({ admin: { listen: '10.0.0.5:9180', token: 'x'.repeat(16) } }).admin.token).toHaveLength(16);
    expect(configSchema.parse({ admin: { listen: '127.0.0.2:9180' } }).admin.token).toBe('');
  });

  it('knows which admin addresses are loopback', () => {
    for (const l of ['127.0.0.1:9180', '127.1.2.3:1', '[::1]:9180', 'localhost:80']) expect(isLoopbackListen(l), l).toBe(true);
    for (const l of ['0.0.0.0:9180', '[::]:9180', '10.0.0.1:9180', 'admin.example:9180', '128.0.0.1:1', 'garbage']) expect(isLoopbackListen(l), l).toBe(false);
  });

  it('charm.ociRegistry: unset by default; an http(s) URL with optional credentials; junk refused', () => {
    expect(configSchema.parse({}).charm).toEqual({});
    expect(configSchema.parse({ charm: { ociRegistry: { url: 'https://registry.site:5000' } } }).charm.ociRegistry).toEqual({ url: 'https://registry.site:5000', username: '', password: '' });
    for (const bad of [{ url: 'registry.site' }, { url: 'ftp://r.site' }, { url: 'https://r.site', user: 'x' }]) expect(configSchema.safeParse({ charm: { ociRegistry: bad } }).success, JSON.stringify(bad)).toBe(false);
    expect(configSchema.parse({}).hostGroups.find((g) => g.name === 'charmhub')?.site).toBe('charm');
  });
});
