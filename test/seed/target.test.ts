import { describe, expect, it } from 'vitest';
import { HostMatcher } from '../../src/config/host-groups.js';
import { defaultHostGroups } from '../../src/config/schema.js';
import { parseRequestTarget } from '../../src/http/request-target.js';
import { targetOf } from '../../src/seed/target.js';

const matcher = new HostMatcher(defaultHostGroups());

describe('targetOf', () => {
  it('maps a URL to the (namespace, path) a client request for it hits', () => {
    const urls = [
      'http://images.maas.io/ephemeral-v3/stable/streams/v1/com.ubuntu.maas:stable:v3:download.json',
      'http://archive.ubuntu.com/ubuntu/pool/main/a/apt/apt_2.7.14%2Bbuild1_amd64.deb',
      'https://gb.archive.ubuntu.com/ubuntu/dists/noble/InRelease',
      'http://images.maas.io/with%20space/and%3Acolon',
    ];
    for (const url of urls) {
      const t = targetOf(url, matcher);
      const u = new URL(url);
      const asRequested = parseRequestTarget(url.slice(url.indexOf('/', 8)), u.host);
      expect(t).toEqual({ ns: matcher.match(u.hostname)!.namespace, path: asRequested.path });
    }
    expect(targetOf('http://gb.archive.ubuntu.com/ubuntu/x', matcher)).toEqual({ ns: 'ubuntu-archive', path: '/ubuntu/x' });
  });

  it('explains why a URL cannot be seeded', () => {
    expect(targetOf('not a url', matcher)).toEqual({ problem: 'is not a URL' });
    expect(targetOf('ftp://images.maas.io/x', matcher)).toMatchObject({ problem: expect.stringMatching(/scheme ftp/) });
    expect(targetOf('http://example.com/x', matcher)).toMatchObject({ problem: expect.stringMatching(/host example\.com, which no host group serves \(served: archive\.ubuntu\.com/) });
    expect(targetOf('http://images.maas.io/x?y=1', matcher)).toMatchObject({ problem: expect.stringMatching(/query/) });
    expect(targetOf('http://user:pw@images.maas.io/x', matcher)).toMatchObject({ problem: expect.stringMatching(/user name/) });
    expect(targetOf('http://images.maas.io/a%2Fb', matcher)).toMatchObject({ problem: expect.stringMatching(/encoded slash/) });
  });
});
