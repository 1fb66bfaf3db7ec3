import { describe, expect, it } from 'vitest';
import { bundleCharms } from '../../../src/seed/charm/bundle-yaml.js';

describe('the charms a bundle.yaml names', () => {
  it('charm, channel (default stable), revision, base or series or the bundle default, arch constraint, resource revisions', () => {
    const yaml = [
      'default-base: ubuntu@22.04',
      'applications:',
      '  db: {charm: ch:postgresql, channel: 14/stable, resources: {snap: 12, img: ./local.tar}}',
      '  web: {charm: nginx, revision: 5, series: focal, constraints: "arch=arm64 mem=2G"}',
      '  local: {charm: ./build/my.charm}',
      '  plain: {charm: tiny}',
    ].join('\n');
    const b = bundleCharms(yaml);
    expect(b.apps).toEqual([
      { app: 'db', charm: 'postgresql', channel: '14/stable', revision: undefined, base: 'ubuntu@22.04', architecture: undefined, resources: { snap: 12 } },
      { app: 'web', charm: 'nginx', channel: 'stable', revision: 5, base: 'focal', architecture: 'arm64', resources: {} },
      { app: 'plain', charm: 'tiny', channel: 'stable', revision: undefined, base: 'ubuntu@22.04', architecture: undefined, resources: {} },
    ]);
    expect(b.skipped).toEqual([
      'db: resource img is given as "./local.tar" (a local file or image), not a Charmhub revision',
      'local: charm ./build/my.charm is not a Charmhub name (a local path or a charm store URL)',
    ]);
  });

  it('old `services:` bundles read alike; no applications is an error', () => {
    expect(bundleCharms('services:\n  a: {charm: tiny}\n').apps[0]!.charm).toBe('tiny');
    expect(() => bundleCharms('name: x\n')).toThrow(/no applications/);
  });
});
