// The built CLI importing snaps admins already have, and refusing a bundle whose snap assertions
// do not verify; `status` then lists what snapd could install.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitAssertions } from '../../src/sites/snap/assertion.js';
import { assertionPath } from '../../src/sites/snap/primary-key.js';
import { blobPath } from '../../src/sites/snap/records.js';
import { makeBundle } from '../helpers/bundles.js';
import { fixtureDir, HELLO_ID, helloAssert, helloSnap } from '../helpers/snap-records.js';
import { tempDir } from '../helpers/tmp.js';
import { runCli } from './run-cli.js';

function pairDir(): string {
  const dir = tempDir();
  copyFileSync(`${fixtureDir}hello-lhc_4.snap`, join(dir, 'hello-lhc_4.snap'));
  copyFileSync(`${fixtureDir}hello-lhc_4.assert`, join(dir, 'hello-lhc_4.assert'));
  return dir;
}

describe('airgap-cache import of snaps', () => {
  it('snap download output, on the channel given; status lists it', async () => {
    const data = tempDir();
    const r = await runCli(['import', pairDir(), '--data-dir', data, '--snap-channel', 'latest/candidate']);
    expect(r.stderr).toMatch(/^(import: importing .*\n)?$/);
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toMatch(/^imported snap-download .* objects\n.*\n {2}hello-lhc revision 4 on latest\/candidate \(armhf\)\n/);
    const s = await runCli(['status', '--data-dir', data]);
    expect(s.stdout.toString()).toMatch(/snaps snap-store\n {2}hello-lhc {2}latest\/candidate {2}r4 {2}1\.0 {2}armhf {2}complete/);
    const json = JSON.parse((await runCli(['status', '--data-dir', data, '--json'])).stdout.toString());
    expect(json.snaps[0].snaps[0]).toMatchObject({ name: 'hello-lhc', channel: 'latest/candidate', revision: 4, complete: true });
  });

  it('a store-admin export tarball', async () => {
    const data = tempDir();
    const tree = tempDir();
    mkdirSync(join(tree, 'hello-lhc'));
    execFileSync('cp', [`${fixtureDir}hello-lhc_4.snap`, `${fixtureDir}hello-lhc_4.assert`, join(tree, 'hello-lhc')]);
    const tgz = join(tempDir(), 'hello-lhc-20240101T000000.tar.gz');
    execFileSync('tar', ['-czf', tgz, '-C', tree, '.']);
    const r = await runCli(['import', tgz, '--data-dir', data]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/error|refused/i);
    expect(r.stdout.toString()).toMatch(/imported store-admin-export .*\n.*\n {2}hello-lhc revision 4 on latest\/stable/);
  });

  it('a bundle with a tampered snap assertion is refused and changes nothing', async () => {
    const data = tempDir();
    const objects = [
      { ns: 'snap-store', path: blobPath(HELLO_ID, 4), body: helloSnap() },
      ...splitAssertions(helloAssert()).map((a) => ({ ns: 'snap-store', path: assertionPath(a)!, body: a.type === 'account' ? Buffer.from(a.encoded.toString('latin1').replace('Celso', 'Celsa'), 'latin1') : a.encoded })),
    ];
    const { file } = await makeBundle(objects);
    const r = await runCli(['import', file, '--data-dir', data]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/snap-store: a snap assertion does not verify: account sO7TPbndbZ1UVDdmeHJpWIA4D1hcjWO7: the signature does not verify/);
    const s = await runCli(['status', '--data-dir', data]);
    expect(s.stdout.toString()).toMatch(/the cache is empty/);
  });
});
