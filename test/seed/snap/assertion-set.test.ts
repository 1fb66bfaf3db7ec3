import { describe, expect, it } from 'vitest';
import { splitAssertions, type Assertion } from '../../../src/sites/snap/assertion.js';
import { assertionPath } from '../../../src/sites/snap/primary-key.js';
import { fetchSnapAssertions } from '../../../src/seed/snap/assertion-set.js';
import { HELLO_ID, helloAssert, helloSnap, sha3hex } from '../../helpers/snap-records.js';
import { TestAuthority } from '../../helpers/snap-signer.js';

function client(streams: Buffer[]) {
  const byPath = new Map<string, Assertion>();
  for (const s of streams) for (const a of splitAssertions(s)) byPath.set(assertionPath(a)!, a);
  const asked: string[] = [];
  return { asked, assertion: async (type: string, key: readonly string[]) => (asked.push(`${type}/${key.join('/')}`), byPath.get(`/v2/assertions/${type}/${key.join('/')}`)) };
}

const facts = { name: 'hello-lhc', id: HELLO_ID, revision: 4, size: 4096, sha3hex: sha3hex(helloSnap()) };

describe('fetching what snapd verifies', () => {
  it('the fixture: revision, declaration, account, then the store key, returned in snap download order', async () => {
    const c = client([helloAssert()]);
    const all = await fetchSnapAssertions(c, facts);
    expect(all.map((a) => a.type)).toEqual(['account-key', 'account', 'snap-declaration', 'snap-revision']);
    expect(Buffer.concat(all.flatMap((a, i) => (i === 0 ? [a.encoded, Buffer.from('\n')] : [Buffer.from('\n'), a.encoded, Buffer.from('\n')]))).equals(helloAssert())).toBe(true);
    expect(c.asked).not.toContain('account-key/-CvQKAwRQ5h3Ffn10FILJoEZUXOv6km9FwA80-Rcj-f-6jadQ89VRswHNiEB9Lxk');
  });

  it('a missing assertion, or one that disagrees with the metadata, fails naming the snap', async () => {
    await expect(fetchSnapAssertions(client([]), facts)).rejects.toThrow(/hello-lhc revision 4: the store has no snap-revision/);
    await expect(fetchSnapAssertions(client([helloAssert()]), { ...facts, name: 'other' })).rejects.toThrow(/disagree: its snap-declaration names hello-lhc, not other/);
  });

  it('a test store: the root that the store does not serve ends the chain', async () => {
    const auth = new TestAuthority();
    const s = { name: 'demo', id: 'D'.repeat(32), revision: 2, blob: Buffer.from('blob') };
    const all = await fetchSnapAssertions(client([auth.stream(s)]), { name: 'demo', id: s.id, revision: 2, size: 4, sha3hex: sha3hex(s.blob) });
    expect(all.map((a) => a.type)).toEqual(['account-key', 'account', 'snap-declaration', 'snap-revision']);
  });
});
