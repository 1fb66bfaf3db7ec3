import { describe, expect, it } from 'vitest';
import { splitAssertions } from '../../../src/sites/snap/assertion.js';
import { crossCheck } from '../../../src/seed/snap/cross-check.js';
import { HELLO_ID, helloAssert, helloSnap, sha3hex } from '../../helpers/snap-records.js';

const facts = { name: 'hello-lhc', id: HELLO_ID, revision: 4, size: 4096, sha3hex: sha3hex(helloSnap()) };
const all = splitAssertions(helloAssert());

describe('metadata against assertions', () => {
  it('the fixture agrees', () => {
    expect(crossCheck(facts, all)).toBeUndefined();
  });
  it('names each disagreement', () => {
    expect(crossCheck({ ...facts, sha3hex: 'a'.repeat(96) }, all)).toMatch(/no snap-revision assertion for sha3-384/);
    expect(crossCheck({ ...facts, id: 'X'.repeat(32) }, all)).toMatch(/names snap-id C5dN/);
    expect(crossCheck({ ...facts, revision: 5 }, all)).toMatch(/names revision 4, not 5/);
    expect(crossCheck({ ...facts, size: 1 }, all)).toMatch(/4096 bytes, the blob has 1/);
    expect(crossCheck({ ...facts, name: 'other' }, all)).toMatch(/declaration names hello-lhc, not other/);
    expect(crossCheck(facts, all.filter((a) => a.type !== 'snap-declaration'))).toMatch(/no snap-declaration/);
  });
});
