import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestFile, findLocalCharms } from '../../../src/seed/charm/local-charms.js';
import { bundleZip, charmZip } from '../../helpers/fake-charmhub.js';
import { tempDir } from '../../helpers/tmp.js';
import { jammy } from './fixture.js';

describe('finding charm archives an admin has', () => {
  it('charms and bundles with their resources; a name that disagrees with metadata.yaml is unmapped', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'pg', 'resources'), { recursive: true });
    writeFileSync(join(dir, 'pg', 'postgresql_468.charm'), await charmZip('postgresql', [jammy()]));
    writeFileSync(join(dir, 'pg', 'resources', 'postgresql.snap-res_12'), 'bytes');
    writeFileSync(join(dir, 'pg', 'resources', 'other.x_1'), 'stray');
    writeFileSync(join(dir, 'b_r2.charm'), await bundleZip('b', { a: { charm: 'tiny' } }));
    writeFileSync(join(dir, 'liar_r1.charm'), await charmZip('honest', [jammy()]));
    symlinkSync('/etc/passwd', join(dir, 'link_r1.charm'));
    const f = await findLocalCharms(dir);
    expect(f.charms.map((c) => `${c.name} ${c.revision} ${c.bundleYaml ? 'bundle' : 'charm'} ${c.resources.map((r) => `${r.name}_${r.revision}:${r.type}`).join(',')}`)).toEqual(['b 2 bundle ', 'postgresql 468 charm snap-res_12:file']);
    expect(f.unmapped).toEqual(['link_r1.charm: not a regular file (a symbolic link is never followed)', 'liar_r1.charm: its metadata.yaml names honest, not liar', 'pg/resources/other.x_1: not a charm archive, its metadata.json or one of its resources/NAME.RESOURCE_REV']);
  });

  it('digests: size, sha256 and sha384 in one read', async () => {
    const f = join(tempDir(), 'x');
    writeFileSync(f, 'abc');
    expect(await digestFile(f)).toEqual({ size: 3, 'hash-sha-256': 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', 'hash-sha-384': 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7' });
  });
});
