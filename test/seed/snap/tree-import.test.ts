import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/schema.js';
import { silentLogger } from '../../../src/log.js';
import { importSnapTree } from '../../../src/seed/snap/tree-import.js';
import { refreshLocal } from '../../../src/sites/snap/refresh.js';
import { openStore, type Store } from '../../../src/store/store.js';
import { makeSnapFile } from '../../helpers/snap-file.js';
import { fixtureDir, HELLO_ID, storeContext } from '../../helpers/snap-records.js';
import { TestAuthority } from '../../helpers/snap-signer.js';
import { tempDir } from '../../helpers/tmp.js';
import { snapRequest } from '../../sites/snap/request.js';

const groups = configSchema.parse({}).hostGroups;
let store: Store;
beforeEach(() => {
  store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
});
afterEach(() => store.close());

const run = (dir: string, channel = 'latest/stable', trustedRoots: Buffer[] = []) => importSnapTree({ store, dir, channel, trustedRoots, hostGroups: groups, kind: 'snap-download', log: silentLogger() });

function helloDir(): string {
  const dir = tempDir();
  copyFileSync(`${fixtureDir}hello-lhc_4.snap`, join(dir, 'hello-lhc_4.snap'));
  copyFileSync(`${fixtureDir}hello-lhc_4.assert`, join(dir, 'hello-lhc_4.assert'));
  return dir;
}

async function download(name: string, arch: string, channel?: string) {
  const r = await refreshLocal(snapRequest('POST', '/v2/snaps/refresh', { headers: { 'snap-device-architecture': arch }, body: { context: [], actions: [{ action: 'download', 'instance-key': 'download-1', name, ...(channel ? { channel } : {}), epoch: null }] } }), storeContext(store));
  return JSON.parse(r.body.toString()).results[0];
}

describe('importing snap download output', () => {
  it('the real pair: served on the channel given, described from its snap.yaml and assertions', async () => {
    const s = await run(helloDir());
    expect(s.snaps).toEqual([{ name: 'hello-lhc', revision: 4, architectures: ['armhf'], channel: 'latest/stable' }]);
    expect(s.counts.added).toBe(s.objects);
    const r = await download('hello-lhc', 'armhf');
    expect(r).toMatchObject({ result: 'download', 'effective-channel': 'latest/stable', snap: { name: 'hello-lhc', 'snap-id': HELLO_ID, revision: 4, version: '1.0', architectures: ['armhf'], confinement: 'strict', publisher: { id: 'sO7TPbndbZ1UVDdmeHJpWIA4D1hcjWO7', username: 'cprov' }, download: { size: 4096 } } });
    expect(r.snap['snap-yaml']).toContain('name: hello-lhc');
    expect((await run(helloDir())).alreadyImportedAt).toBeTypeOf('number');
  });

  it('a track in --snap-channel becomes the default track of a new snap', async () => {
    await run(helloDir(), '1.0/candidate');
    expect(await download('hello-lhc', 'armhf', 'candidate')).toMatchObject({ 'effective-channel': '1.0/candidate', snap: { revision: 4 } });
    expect(await download('hello-lhc', 'armhf')).toMatchObject({ result: 'error', error: { code: 'revision-not-found' } });
  });

  it('mismatched pairs and snaps without assertions are refused and reported, nothing imported', async () => {
    const auth = new TestAuthority();
    const dir = helloDir();
    const other = makeSnapFile(join(dir, 'other_1.snap'), "name: other\nversion: '1'\narchitectures: [amd64]\n");
    writeFileSync(join(dir, 'other_1.assert'), readFileSync(`${fixtureDir}hello-lhc_4.assert`));
    const lone = join(dir, 'sub');
    mkdirSync(lone);
    makeSnapFile(join(lone, 'lone_2.snap'), "name: lone\nversion: '2'\n");
    await expect(run(dir, 'stable', [auth.rootAccountKey])).rejects.toThrow(/2 of 3 snaps refused, nothing was imported:\n.*other_1\.snap: no snap-revision assertion names its sha3-384.*\n.*lone_2\.snap: no snap-revision/s);
    expect(other.length).toBeGreaterThan(0);
    expect(store.namespaces()).toEqual([]);
    const swapped = tempDir();
    const s = { name: 'other', id: 'O'.repeat(32), revision: 1, blob: other };
    writeFileSync(join(swapped, 'other_1.snap'), other);
    writeFileSync(join(swapped, 'other_1.assert'), readFileSync(`${fixtureDir}hello-lhc_4.assert`));
    copyFileSync(`${fixtureDir}hello-lhc_4.snap`, join(swapped, 'hello-lhc_4.snap'));
    writeFileSync(join(swapped, 'hello-lhc_4.assert'), auth.stream(s));
    await expect(run(swapped, 'stable', [auth.rootAccountKey])).rejects.toThrow(/hello-lhc_4\.snap: its \.assert beside it is for another snap \(mismatched pair\)/);
  });

  it('test-made snaps import with their root trusted; arch-independent ones are published for every architecture', async () => {
    const auth = new TestAuthority();
    const dir = tempDir();
    const blob = makeSnapFile(join(dir, 'themes_7.snap'), "name: themes\nversion: '0.1'\narchitectures: [all]\nsummary: Themes\n");
    writeFileSync(join(dir, 'themes_7.assert'), auth.stream({ name: 'themes', id: 'T'.repeat(32), revision: 7, blob }));
    await expect(run(dir)).rejects.toThrow(/an assertion does not verify/);
    await run(dir, 'latest/stable', [auth.rootAccountKey]);
    for (const arch of ['amd64', 'arm64', 's390x']) expect(await download('themes', arch)).toMatchObject({ snap: { revision: 7, architectures: ['all'], summary: 'Themes' } });
  });
});
