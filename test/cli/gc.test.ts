import { existsSync, utimesSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/cli/gc.js';
import { openStore } from '../../src/store/store.js';
import { makeBundle, sha256 } from '../helpers/bundles.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

describe('airgap-cache gc', () => {
  it('frees the bytes a newer bundle replaced; what is served stays and verifies', async () => {
    const dataDir = tempDir();
    const first = await makeBundle([{ path: '/index.json', body: 'first', fetchedAt: 1_000 }]);
    const second = await makeBundle([{ path: '/index.json', body: 'second!', fetchedAt: 2_000 }]);
    expect((await runCli(['import', first.file, '--data-dir', dataDir])).code).toBe(0);
    expect((await runCli(['import', second.file, '--data-dir', dataDir])).code).toBe(0);
    const store = openStore({ dataDir, watchIntervalMs: 0 });
    const old = new Date(Date.now() - 7_200_000);
    utimesSync(store.blobPath(sha256('first')), old, old);
    store.close();
    const dry = await runCli(['gc', '--data-dir', dataDir, '--dry-run']);
    expect(dry.stdout).toMatch(/scanned 2 blobs: would delete 1 unreferenced \(5 B\); kept 0 younger than 1h/);
    const run = await runCli(['gc', '--data-dir', dataDir, '--min-age', '30m']);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/deleted 1 unreferenced \(5 B\)/);
    expect(existsSync(store.blobPath(sha256('first')))).toBe(false);
    expect((await runCli(['verify', '--data-dir', dataDir])).code).toBe(0);
  });

  it('refuses a duration it cannot read', async () => {
    const r = await runCli(['gc', '--data-dir', tempDir(), '--min-age', 'soon']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--min-age "soon": give a number with s, m, h or d/);
    expect(parseDuration('90')).toBe(90_000);
    expect(parseDuration('2d')).toBe(172_800_000);
  });
});
