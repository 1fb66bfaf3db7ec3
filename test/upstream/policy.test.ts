import { describe, expect, it } from 'vitest';
import type { HostGroup } from '../../src/config/schema.js';
import { decideApi, decideMiss, upstreamUrl } from '../../src/upstream/policy.js';

const group: HostGroup = { name: 'maas-images', site: 'generic', namespace: 'maas-images', hosts: ['images.maas.io'], upstream: 'http://images.maas.io' };

describe('miss policy', () => {
  it('offline never fetches; online fetches from the group upstream', () => {
    expect(decideMiss('offline', group, '/x')).toEqual({ action: 'not-found' });
    expect(decideMiss('online', group, '/x')).toEqual({ action: 'fill', url: 'http://images.maas.io/x' });
  });
  it('re-encodes decoded paths, keeping the characters simplestreams and apt use', () => {
    expect(upstreamUrl('http://images.maas.io/', '/streams/v1/com.ubuntu.maas:stable:v3:download.json')).toBe(
      'http://images.maas.io/streams/v1/com.ubuntu.maas:stable:v3:download.json',
    );
    expect(upstreamUrl('http://a', '/pool/g++_1.0~rc1 x?.deb')).toBe('http://a/pool/g++_1.0~rc1%20x%3F.deb');
  });
  it('an API call is answered locally offline, and asked upstream (with its query) online', () => {
    expect(decideApi('offline', group, '/v2/snaps/info/x', 'fields=a')).toEqual({ action: 'local' });
    expect(decideApi('online', group, '/v2/snaps/info/x', 'fields=a,b&architecture=amd64')).toEqual({ action: 'upstream', url: 'http://images.maas.io/v2/snaps/info/x?fields=a,b&architecture=amd64' });
    expect(decideApi('online', group, '/v2/snaps/refresh', '')).toEqual({ action: 'upstream', url: 'http://images.maas.io/v2/snaps/refresh' });
  });
});
