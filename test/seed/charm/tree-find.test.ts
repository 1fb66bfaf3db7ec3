import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCharmExport, isJujuDownloadTree } from '../../../src/seed/charm/tree-find.js';
import { detectImportSource } from '../../../src/seed/import-source.js';
import { tempDir } from '../../helpers/tmp.js';
import { charmExport, tarGz } from './export-fixture.js';

describe('recognising charms brought to import', () => {
  it('a store-admin export of charms (bundle.yaml + per-charm tarballs, or .charm members); a snap export is not one', async () => {
    const dir = tempDir();
    const exp = join(dir, 'charms-export.tar.gz');
    writeFileSync(exp, charmExport([{ name: 'tiny', revision: 1, archive: Buffer.from('zip') }]));
    const snaps = join(dir, 'snaps.tar.gz');
    writeFileSync(snaps, tarGz([{ name: 'hello_1.snap', data: 'x' }, { name: 'hello_1.assert', data: 'y' }]));
    expect(await isCharmExport(exp)).toBe(true);
    expect(await isCharmExport(snaps)).toBe(false);
    expect(await detectImportSource(exp)).toEqual({ kind: 'tree', tree: 'charm-store-admin-export', dir: exp });
    expect(await detectImportSource(snaps)).toMatchObject({ tree: 'store-admin-export' });
  });

  it('juju download output, here or one level down', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'tiny_r3.charm'), 'zip');
    expect(await isJujuDownloadTree(dir)).toBe(true);
    expect(await isJujuDownloadTree(tempDir())).toBe(false);
    expect(await detectImportSource(dir)).toEqual({ kind: 'tree', tree: 'juju-download', dir });
  });
});
