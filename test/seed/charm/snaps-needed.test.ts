import { describe, expect, it } from 'vitest';
import { snapsNeeded } from '../../../src/seed/charm/snaps-needed.js';

describe('snaps a charm archive says it installs', () => {
  it('refresh_versions.toml: one pinned revision per architecture, Debian names', () => {
    const toml = '[snap]\nname = "charmed-mysql"\n[snap.revisions]\nx86_64 = "97"\naarch64 = "98"\n';
    expect(snapsNeeded(new Map([['refresh_versions.toml', toml]]))).toEqual([
      { name: 'charmed-mysql', revision: 97, architecture: 'amd64', from: 'refresh_versions.toml' },
      { name: 'charmed-mysql', revision: 98, architecture: 'arm64', from: 'refresh_versions.toml' },
    ]);
    expect(snapsNeeded(new Map([['refresh_versions.toml', '[snap]\nname = "x"\n']]))).toEqual([{ name: 'x', from: 'refresh_versions.toml' }]);
    expect(snapsNeeded(new Map([['refresh_versions.toml', '[charm]\nversion = "1"\n']]))).toEqual([]);
  });

  it('literal snap install lines of shell hooks, with channel or revision; variables are not guessed', () => {
    const hook = '#!/bin/bash\nsudo snap install lxd --channel=5.21/stable\nsnap install juju-db --revision 160\nsnap install "$X"\n';
    expect(snapsNeeded(new Map([['hooks/install', hook]]))).toEqual([
      { name: 'lxd', channel: '5.21/stable', revision: undefined, from: 'hooks/install' },
      { name: 'juju-db', channel: undefined, revision: 160, from: 'hooks/install' },
    ]);
    expect(snapsNeeded(new Map([['dispatch', '#!/usr/bin/env python3\nsnap install lxd\n']]))).toEqual([]);
  });
});
