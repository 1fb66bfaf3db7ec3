import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { makeBundle, sha256 } from '../helpers/bundles.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

describe('airgap-cache verify', () => {
  it('exit 0 when every blob checks out; exit 1 naming the corrupt object otherwise', async () => {
    const dataDir = tempDir();
    const { file } = await makeBundle([{ path: '/good', body: 'good bytes' }, { path: '/rots', body: 'will rot' }]);
    await runCli(['import', file, '--data-dir', dataDir]);
    const ok = await runCli(['verify', '--data-dir', dataDir]);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.stdout).toMatch(/verified 2 blobs, 18 B: all good/);
    expect(ok.stderr).toMatch(/verify: verifying: 2\/2 objects/);
    const store = openStore({ dataDir, watchIntervalMs: 0 });
    writeFileSync(store.blobPath(sha256('will rot')), 'will rOt');
    store.close();
    const bad = await runCli(['verify', '--data-dir', dataDir]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/1 corrupt\ncorrupt [0-9a-f]{64}: blob's sha256 is [0-9a-f]{64}; serves maas-images:\/rots/);
    expect(bad.stderr).toMatch(/airgap-cache: 1 corrupt blob\(s\), first maas-images:\/rots/);
    const json = JSON.parse((await runCli(['verify', '--data-dir', dataDir, '--json'])).stdout) as { corrupt: { objects: string[] }[] };
    expect(json.corrupt.map((c) => c.objects)).toEqual([['maas-images:/rots']]);
  });
});
