import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { HostMatcher } from '../../src/config/host-groups.js';
import { configSchema } from '../../src/config/schema.js';
import { missesManifest, seedOrigin, urlFor } from '../../src/ops/misses-manifest.js';
import type { Miss } from '../../src/ops/recent-misses.js';
import { parseManifest } from '../../src/seed/manifest.js';
import { targetOf } from '../../src/seed/target.js';

const groups = configSchema.parse({}).hostGroups;
const matcher = new HostMatcher(groups);

function miss(groupName: string, host: string, path: string, query = '', count = 1): Miss {
  const g = groups.find((x) => x.name === groupName)!;
  const url = urlFor(seedOrigin(g.upstream, host, (h) => matcher.match(h) !== undefined), path);
  return { url, group: g.name, namespace: g.namespace, site: g.site, host, path, query, cache: 'offline-miss', status: 404, count, first: 1, last: 1_700_000_000_000 };
}

/** Runs each section's own pre-fetch check, with targets resolved as `airgap-cache seed` does. */
function checkAsSeedWould(text: string): void {
  const m = parseManifest(text, 'misses.yaml');
  const target = (url: string, key: string) => {
    const t = targetOf(url, matcher);
    if ('problem' in t) throw new Error(`${key}: ${url} ${t.problem}`);
    return t;
  };
  for (const { section, config } of m.sections) section.check?.(config, { target });
}

describe('misses.yaml', () => {
  it('is a manifest fragment the seed parser and section checks accept, each miss in the section that can seed it', () => {
    const text = missesManifest([
      miss('ubuntu-archive', 'archive.ubuntu.com', '/ubuntu/pool/main/h/hello/hello_2.10-3_amd64.deb', '', 3),
      miss('ubuntu-archive', 'gb.archive.ubuntu.com', '/ubuntu/dists/noble-backports/main/binary-amd64/by-hash/SHA256/abcd'),
      miss('ubuntu-archive', 'archive.ubuntu.com', '/ubuntu/dists/noble-backports/universe/i18n/Translation-en.xz'),
      miss('ubuntu-archive', 'archive.ubuntu.com', '/ubuntu/dists/noble-proposed/InRelease'),
      miss('ubuntu-ports', 'ports.ubuntu.com', '/ubuntu-ports/dists/noble/main/binary-arm64/Packages.xz'),
      miss('ubuntu-ports', 'ports.ubuntu.com', '/ubuntu-ports/dists/noble/Contents-riscv64.gz'),
      miss('maas-images', 'images.maas.io', '/ephemeral-v3/candidate/streams/v1/index.sjson'),
      miss('maas-images', 'images.maas.io', '/ephemeral-v3/stable/noble/amd64/20250805/ga-24.04/generic/boot-kernel'),
      miss('snap-store', 'api.snapcraft.io', '/v2/snaps/info/lxd', 'fields=channel-map'),
      miss('charmhub', 'api.charmhub.io', '/api/v1/a path with spaces+plus?#'),
    ]);
    checkAsSeedWould(text);
    const doc = parse(text) as Record<string, unknown>;
    expect(doc.apt).toEqual([
      { mirror: 'http://archive.ubuntu.com/ubuntu', suites: ['noble-backports', 'noble-proposed'], components: ['main', 'universe'], architectures: ['amd64'] },
      { mirror: 'http://ports.ubuntu.com/ubuntu-ports', suites: ['noble'], components: ['main'], architectures: ['arm64', 'riscv64'], contents: true },
    ]);
    expect(doc.images).toEqual([{ stream: 'http://images.maas.io/ephemeral-v3/candidate/' }]);
    expect(doc.urls).toEqual([
      'http://archive.ubuntu.com/ubuntu/pool/main/h/hello/hello_2.10-3_amd64.deb',
      'http://images.maas.io/ephemeral-v3/stable/noble/amd64/20250805/ga-24.04/generic/boot-kernel',
      'https://api.charmhub.io/api/v1/a%20path%20with%20spaces+plus%3F%23',
    ]);
    expect(text).toMatch(/hello_2\.10-3_amd64\.deb # 3 requests, last 2023-11-14T22:13:20\.000Z/);
    expect(text).toMatch(/^# +https:\/\/api\.snapcraft\.io\/v2\/snaps\/info\/lxd\?fields=channel-map$/m);
    expect(targetOf((doc.urls as string[])[2]!, matcher)).toEqual({ ns: 'charmhub', path: '/api/v1/a path with spaces+plus?#' });
  });

  it('with no misses is a comment only, which says so', () => {
    const text = missesManifest([]);
    expect(text).toMatch(/^# airgap-cache: no misses since the appliance started/);
    expect(parse(text)).toBeNull();
    expect(() => parseManifest(text, 'm.yaml')).toThrow(/asks for nothing/);
  });

  it('names the upstream host when a seed would accept it, the client host otherwise', () => {
    expect(seedOrigin('http://archive.ubuntu.com', 'gb.archive.ubuntu.com', () => true)).toBe('http://archive.ubuntu.com');
    expect(seedOrigin('http://mirror.internal:8080', 'archive.ubuntu.com', (h) => h !== 'mirror.internal')).toBe('http://archive.ubuntu.com:8080');
  });
});
