import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeLocalSnap } from '../../../src/seed/snap/local-snap.js';
import { splitAssertions } from '../../../src/sites/snap/assertion.js';
import { assertionPath } from '../../../src/sites/snap/primary-key.js';
import { fixtureDir, HELLO_ID, helloAssert } from '../../helpers/snap-records.js';
import { tempDir } from '../../helpers/tmp.js';

const all = splitAssertions(helloAssert());
const pool = new Map(all.map((a) => [assertionPath(a)!, a]));

describe('a local .snap described as the store would', () => {
  it('identity from the assertions, the rest from snap.yaml and the account', async () => {
    const d = await describeLocalSnap(`${fixtureDir}hello-lhc_4.snap`, pool, all);
    expect(d).toMatchObject({ ok: true, size: 4096, rev: { name: 'hello-lhc', 'snap-id': HELLO_ID, revision: 4, version: '1.0', architectures: ['armhf'], type: 'app', base: null, publisher: { username: 'cprov', 'display-name': 'Celso Providelo' }, 'created-at': '2017-06-15T01:34:46.413214Z' } });
  });
  it('names what is wrong: no revision assertion, a file name that lies, a foreign .assert', async () => {
    expect(await describeLocalSnap(`${fixtureDir}hello-lhc_4.snap`, new Map(), undefined)).toMatchObject({ ok: false, problem: expect.stringContaining('no snap-revision assertion') });
    const renamed = join(tempDir(), 'hello-lhc_5.snap');
    copyFileSync(`${fixtureDir}hello-lhc_4.snap`, renamed);
    expect(await describeLocalSnap(renamed, pool, undefined)).toMatchObject({ ok: false, problem: expect.stringContaining('its name says hello-lhc revision 5, its assertions hello-lhc revision 4') });
    expect(await describeLocalSnap(`${fixtureDir}hello-lhc_4.snap`, pool, all.slice(0, 3))).toMatchObject({ ok: false, problem: expect.stringContaining('mismatched pair') });
  });
});
