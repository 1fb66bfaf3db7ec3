// The built CLI importing charms admins already have: `juju download` output with --charm-channel
// and --charm-id, and a store-admin export tarball; what it cannot map is printed, not guessed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { charmIds } from '../../src/cli/import-charm-tree.js';
import { charmZip } from '../helpers/fake-charmhub.js';
import { tempDir } from '../helpers/tmp.js';
import { charmExport, infoMetadata, tarGz } from '../seed/charm/export-fixture.js';
import { jammy, PG_ID } from '../seed/charm/fixture.js';
import { runCli } from './run-cli.js';

describe('airgap-cache import of charms', () => {
  it('juju download output on the channel and with the id given', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'tiny_r3.charm'), await charmZip('tiny', [jammy()]));
    const r = await runCli(['import', dir, '--data-dir', tempDir(), '--charm-channel', 'latest/stable', '--charm-id', `tiny=${'T'.repeat(32)}`]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.toString()).toMatch(/^imported juju-download .* objects\n.*\n {2}charm tiny revision 3 \(id T{32}\) on latest\/stable \(ubuntu@22\.04 amd64\)\n/);
  });

  it('a store-admin export tarball; a charm it cannot map is printed', async () => {
    const archive = await charmZip('postgresql', [jammy()]);
    const tgz = join(tempDir(), 'charms-export-20240426T163115.tar.gz');
    writeFileSync(tgz, charmExport([
      { name: 'postgresql', revision: 468, archive, metadata: infoMetadata({ id: PG_ID, name: 'postgresql', revision: 468, track: '14', channels: [{ channel: '14/stable', base: jammy() }] }) },
      { name: 'tiny', revision: 3, archive: await charmZip('tiny', [jammy()]) },
    ]));
    const r = await runCli(['import', tgz, '--data-dir', tempDir()]);
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout.toString();
    expect(out).toMatch(/ {2}charm postgresql revision 468 \(id P\w{31}\) on 14\/stable \(ubuntu@22\.04 amd64\)/);
    expect(out).toMatch(/ {2}not imported: tiny revision 3: metadata\.json gives no Charmhub id for it/);
  });

  it('an export with a hostile entry is refused, naming it, and nothing is imported', async () => {
    const tgz = join(tempDir(), 'evil.tar.gz');
    writeFileSync(tgz, tarGz([{ name: 'bundle.yaml', data: 'applications: {}' }, { name: 'x.tar.gz', data: tarGz([{ name: 'a.charm', data: 'x' }]) }, { name: '/etc/cron.d/evil', data: 'x' }]));
    const r = await runCli(['import', tgz, '--data-dir', tempDir()]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/entry "\/etc\/cron\.d\/evil" is an absolute path; nothing was imported/);
  });

  it('--charm-id must be NAME=ID with a 32-character id', () => {
    expect(charmIds(['pg=' + 'a'.repeat(32)])).toEqual({ pg: 'a'.repeat(32) });
    expect(() => charmIds(['pg=short'])).toThrow(/--charm-id pg=short: expected NAME=ID/);
  });
});
