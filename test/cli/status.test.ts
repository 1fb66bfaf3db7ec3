import { describe, expect, it } from 'vitest';
import { makeBundle } from '../helpers/bundles.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

describe('airgap-cache status', () => {
  it('shows namespaces, the last import and what each import asked for', async () => {
    const dataDir = tempDir();
    expect((await runCli(['status', '--data-dir', dataDir])).stdout).toBe('the cache is empty\nno imports yet\n');
    const { file, written } = await makeBundle([{ path: '/a', body: 'alpha' }]);
    await runCli(['import', file, '--data-dir', dataDir]);
    const r = await runCli(['status', '--data-dir', dataDir]);
    expect(r.stdout).toMatch(/^maas-images +1 objects +5 B$/m);
    expect(r.stdout).toMatch(new RegExp(`^last import: .* \\(bundle ${written.id.slice(0, 12)}\\)$`, 'm'));
    expect(r.stdout).toMatch(/^import [0-9a-f]{12} .* seed .*: complete\n {2}urls: http:\/\/images\.maas\.io\/a: 1\/1 present$/m);
    const json = JSON.parse((await runCli(['status', '--data-dir', dataDir, '--json'])).stdout) as { namespaces: unknown[]; imports: unknown[] };
    expect(json.namespaces).toEqual([{ ns: 'maas-images', objects: 1, bytes: 5 }]);
    expect(json.imports).toHaveLength(1);
  });
});
