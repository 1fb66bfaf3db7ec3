import { describe, expect, it } from 'vitest';
import { HostMatcher } from '../../src/config/host-groups.js';
import { defaultHostGroups, type HostGroup } from '../../src/config/schema.js';
import { readQuery } from '../../src/dns/query.js';
import { InterceptedZones } from '../../src/dns/zone.js';
import { buildQuery } from './wire.js';

function classify(zones: InterceptedZones, name: string) {
  const r = readQuery(buildQuery(name, 1));
  if (r.kind !== 'query') throw new Error('bad query');
  return zones.classify(r.query.name, r.query.labelOffsets);
}

describe('InterceptedZones', () => {
  const zones = new InterceptedZones(defaultHostGroups());

  it('answers exact names with the name itself as apex', () => {
    expect(classify(zones, 'security.ubuntu.com')).toEqual({ kind: 'answer', apex: 12 });
  });

  it('answers wildcard names with the wildcard suffix as apex (its wire offset)', () => {
    expect(classify(zones, 'gb.archive.ubuntu.com')).toEqual({ kind: 'answer', apex: 15 });
    expect(classify(zones, 'a.b.cdn.snapcraft.io')).toEqual({ kind: 'answer', apex: 16 });
  });

  it('says NXDOMAIN under an exact name, and outside for parents and strangers', () => {
    expect(classify(zones, 'x.y.images.maas.io')).toEqual({ kind: 'nxdomain', apex: 16 });
    expect(classify(zones, 'maas.io')).toEqual({ kind: 'outside' });
    expect(classify(zones, 'cdn.snapcraft.io')).toEqual({ kind: 'outside' });
    expect(classify(zones, 'example.com')).toEqual({ kind: 'outside' });
    expect(classify(zones, '')).toEqual({ kind: 'outside' });
  });

  it('prefers the longest wildcard and lets a wildcard win over a parent exact name, like HostMatcher', () => {
    const groups: HostGroup[] = [
      { name: 'a', site: 'generic', namespace: 'a', hosts: ['example.org', '*.example.org'], upstream: 'http://a.example' },
      { name: 'b', site: 'generic', namespace: 'b', hosts: ['*.deep.example.org', 'exact.example.net'], upstream: 'http://b.example' },
    ];
    const z = new InterceptedZones(groups);
    expect(classify(z, 'x.deep.example.org')).toEqual({ kind: 'answer', apex: 14 });
    expect(classify(z, 'x.example.org')).toEqual({ kind: 'answer', apex: 14 });
    expect(classify(z, 'q.exact.example.net')).toEqual({ kind: 'nxdomain', apex: 14 });
  });

  it('agrees with HostMatcher on which names are served, for random names built from the configured ones', () => {
    const groups = defaultHostGroups();
    const matcher = new HostMatcher(groups);
    const z = new InterceptedZones(groups);
    const pieces = ['archive', 'ubuntu', 'com', 'gb', 'security', 'cdn', 'snapcraft', 'io', 'api', 'maas', 'images', '-x', 'y-', '_s', 'a1', 'snapcraftcontent', 'ports'];
    let seed = 1;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
    let served = 0;
    for (let i = 0; i < 5000; i++) {
      const hosts = groups.flatMap((g) => g.hosts).map((h) => h.replace(/^\*\./, ''));
      const prefix = Array.from({ length: rand(4) }, () => pieces[rand(pieces.length)]);
      const tail = rand(4) === 0 ? pieces[rand(pieces.length)]! : hosts[rand(hosts.length)]!.split('.').slice(rand(2)).join('.');
      const name = [...prefix, tail].join('.');
      const c = classify(z, name);
      const expected = matcher.match(name) !== undefined;
      expect(c.kind === 'answer', name).toBe(expected);
      if (expected) served++;
    }
    expect(served).toBeGreaterThan(20);
  });
});
