import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expireOldByHash } from '../../../src/seed/apt/expire-by-hash.js';
import { clearsignedText } from '../../../src/sites/apt/clearsigned.js';
import { parseRelease } from '../../../src/sites/apt/release.js';
import { openStore } from '../../../src/store/store.js';
import { aptArchive } from '../../helpers/apt-archive.js';
import { tempDir } from '../../helpers/tmp.js';
import { entry, writeBlob } from '../../store/contract.js';

describe('expireOldByHash', () => {
  it('drops by-hash objects the current InRelease no longer lists once past the grace period, nothing else', async () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    const inRelease = readFileSync(join(aptArchive(), 'ubuntu/dists/noble/InRelease'));
    await writeBlob(store, inRelease);
    const listed = parseRelease(clearsignedText(inRelease.toString())!).files.get('main/binary-amd64/Packages.xz')!.hashes.SHA256!;
    const old = Buffer.from('an index of an earlier snapshot');
    await writeBlob(store, old);
    const oldHex = createHash('sha256').update(old).digest('hex');
    const dir = '/ubuntu/dists/noble/main/binary-amd64/by-hash/SHA256';
    const day = 86_400_000;
    store.commit([
      entry('ubuntu-archive', '/ubuntu/dists/noble/InRelease', inRelease),
      { ...entry('ubuntu-archive', `${dir}/${listed}`, old), storedAt: 0 },
      { ...entry('ubuntu-archive', `${dir}/${oldHex}`, old), storedAt: 0 },
      { ...entry('ubuntu-archive', `${dir}/${'e'.repeat(64)}`, old), storedAt: 20 * day },
      { ...entry('ubuntu-archive', '/ubuntu/pool/main/o/old/old_1_amd64.deb', old), storedAt: 0 },
    ]);
    expect(await expireOldByHash(store, ['ubuntu-archive'], 7 * day, 21 * day)).toBe(1);
    expect(store.lookup('ubuntu-archive', `${dir}/${oldHex}`)).toBeUndefined();
    expect(store.lookup('ubuntu-archive', `${dir}/${listed}`)).toBeDefined();
    expect(store.lookup('ubuntu-archive', `${dir}/${'e'.repeat(64)}`)).toBeDefined();
    expect(store.lookup('ubuntu-archive', '/ubuntu/pool/main/o/old/old_1_amd64.deb')).toBeDefined();
    store.close();
  });
});
