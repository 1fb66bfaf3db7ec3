import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeBundle } from '../helpers/bundles.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

describe('airgap-cache export', () => {
  it('writes the store (or some namespaces of it) as a bundle another appliance imports', async () => {
    const { file } = await makeBundle([{ path: '/a', body: 'alpha' }, { ns: 'ubuntu-archive', path: '/b', body: 'beta' }]);
    const src = tempDir();
    expect((await runCli(['import', file, '--data-dir', src])).code).toBe(0);
    const out = join(tempDir(), 'rec.bundle');
    const r = await runCli(['export', '--data-dir', src, '--out', out, '--namespace', 'ubuntu-archive']);
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toMatch(/rec\.bundle: id [0-9a-f]{12}, 1 objects, 1 payloads, 4 B/);
    expect(execFileSync('tar', ['tf', out], { encoding: 'utf8' })).toMatch(/^airgap-cache-bundle\/bundle\.json\nairgap-cache-bundle\/objects\.ndjson\nblobs\/sha256\//);
    const dst = tempDir();
    const imported = await runCli(['import', out, '--data-dir', dst]);
    expect(imported.stdout).toMatch(/\(export, .*: 1 objects/);
    const none = await runCli(['export', '--data-dir', src, '--out', join(tempDir(), 'x'), '--namespace', 'charmhub']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/nothing to export in namespace charmhub/);
  });
});
