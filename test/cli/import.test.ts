// `airgap-cache import`, spawned: a good bundle, the same again, from stdin, and damaged bundles
// that fail naming the object while the store stays exactly as it was.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { flipByte, makeBundle } from '../helpers/bundles.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

function storeState(dataDir: string) {
  const store = openStore({ dataDir, watchIntervalMs: 0 });
  const state = { entries: [...store.entries()], imports: store.importRecords(), blobs: readdirSync(join(dataDir, 'blobs'), { recursive: true }).map(String).filter((p) => /[0-9a-f]{64}$/.test(p)).sort() };
  store.close();
  return state;
}

describe('airgap-cache import', () => {
  it('imports, then recognises the same bundle; reads standard input too', async () => {
    const { file } = await makeBundle([{ path: '/a', body: 'alpha' }, { ns: 'nowhere', path: '/b', body: 'beta' }]);
    const dataDir = tempDir();
    const r1 = await runCli(['import', file, '--data-dir', dataDir]);
    expect(r1).toMatchObject({ code: 0 });
    expect(r1.stdout).toMatch(/imported bundle [0-9a-f]{12} \(seed, made .* by airgap-cache [\d.]+\): 2 objects\n {2}added 2, replaced 0, unchanged 0, kept newer 0/);
    expect(r1.stdout).toMatch(/warning: 1 objects are in namespace nowhere, which no host group serves/);
    expect(r1.stderr).toMatch(/import: importing: 2\/2 objects/);
    const before = storeState(dataDir);
    const r2 = await runCli(['import', file, '--data-dir', dataDir]);
    expect(r2.stdout).toMatch(/was already imported on .*: nothing changed/);
    expect(storeState(dataDir)).toEqual(before);
    const fresh = tempDir();
    const r3 = await runCli(['import', '-', '--data-dir', fresh], { input: readFileSync(file) });
    expect(r3).toMatchObject({ code: 0 });
    expect(storeState(fresh).entries).toHaveLength(2);
  });

  const damages: [string, (file: string) => string][] = [
    ['a flipped payload byte', (f) => (flipByte(f, readFileSync(f).indexOf(Buffer.alloc(100, 5)) + 1000), f)],
    ['a truncated file', (f) => {
      const cut = `${f}.cut`;
      writeFileSync(cut, readFileSync(f).subarray(0, readFileSync(f).indexOf(Buffer.alloc(100, 5)) + 3000));
      return cut;
    }],
  ];

  for (const [what, damage] of damages) {
    it(`${what}: exit 1 naming the object, the store unchanged`, async () => {
      const dataDir = tempDir();
      const ok = await makeBundle([{ path: '/present', body: 'before' }]);
      expect((await runCli(['import', ok.file, '--data-dir', dataDir])).code).toBe(0);
      const before = storeState(dataDir);
      const { file } = await makeBundle([{ path: '/a-small', body: 'fine' }, { path: '/images/squashfs', body: Buffer.alloc(50_000, 5) }]);
      const r = await runCli(['import', damage(file), '--data-dir', dataDir]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/airgap-cache: bundle .*maas-images:\/images\/squashfs/);
      expect(storeState(dataDir)).toEqual(before);
    });
  }

  it('a path with ..: exit 1 naming the object, nothing written', async () => {
    const dataDir = tempDir();
    const { file } = await makeBundle([{ path: '/x/../../../../etc/passwd', body: 'root::0:0' }]);
    const r = await runCli(['import', file, '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/maas-images:\/x\/\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd .*\.\. segment/);
    const store = openStore({ dataDir, watchIntervalMs: 0 });
    expect([...store.entries()]).toEqual([]);
    store.close();
  });
});
