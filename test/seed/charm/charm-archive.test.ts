import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestBases, readCharmArchive } from '../../../src/seed/charm/charm-archive.js';
import { charmZip } from '../../helpers/fake-charmhub.js';
import { tempDir } from '../../helpers/tmp.js';

describe('a charm archive', () => {
  it('name, bases per architecture, metadata and the snaps its hooks install', async () => {
    const f = join(tempDir(), 'c.charm');
    writeFileSync(f, await charmZip('tiny', [{ architecture: 'amd64', name: 'ubuntu', channel: '22.04' }, { architecture: 'arm64', name: 'ubuntu', channel: '22.04' }], { 'hooks/install': '#!/bin/sh\nsnap install lxd\n' }));
    const a = await readCharmArchive(f);
    expect(a.name).toBe('tiny');
    expect(a.bases.map((b) => `${b.name}@${b.channel} ${b.architecture}`)).toEqual(['ubuntu@22.04 amd64', 'ubuntu@22.04 arm64']);
    expect(a.metadataYaml).toMatch(/^name: tiny/);
    expect(a.snaps.map((s) => s.name)).toEqual(['lxd']);
  });

  it('manifest bases with a numeric channel; junk gives none', () => {
    expect(manifestBases('bases:\n- name: ubuntu\n  channel: 22.04\n  architectures: [amd64]\n')).toEqual([{ architecture: 'amd64', name: 'ubuntu', channel: '22.04' }]);
    expect(manifestBases(': : :')).toEqual([]);
    expect(manifestBases(undefined)).toEqual([]);
  });
});
