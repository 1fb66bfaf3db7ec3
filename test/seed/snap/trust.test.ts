import { describe as group, expect, it } from 'vitest';
import { splitAssertions } from '../../../src/sites/snap/assertion.js';
import { TrustChain } from '../../../src/seed/snap/trust.js';
import { helloAssert } from '../../helpers/snap-records.js';

const flip = (s: string, at: number): string => s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);

group('the assertion trust chain', () => {
  it('the real fixture verifies up to Canonical\'s root (account-key, account, declaration, revision)', async () => {
    await expect(new TrustChain().verifyAll(splitAssertions(helloAssert()))).resolves.toBeUndefined();
  });

  it('one changed signature character fails, naming the assertion', async () => {
    const text = helloAssert().toString('latin1');
    const at = text.lastIndexOf('\n\n') + 20;
    await expect(new TrustChain().verifyAll(splitAssertions(Buffer.from(flip(text, at), 'latin1')))).rejects.toThrow(/snap-revision .*the signature does not verify/);
  });

  it('a changed header fails; so does a missing store key', async () => {
    const text = helloAssert().toString('latin1').replace('snap-size: 4096', 'snap-size: 4097');
    await expect(new TrustChain().verifyAll(splitAssertions(Buffer.from(text, 'latin1')))).rejects.toThrow(/signature does not verify/);
    const noKey = splitAssertions(helloAssert()).slice(1);
    await expect(new TrustChain().verifyAll(noKey)).rejects.toThrow(/no account-key BWDEoaqyr25nF5SNCvEv2v7QnM9QsfCc0PBMYD_i2NGSQ32EF2d4D0hqUel3m8ul/);
    const key = splitAssertions(helloAssert())[0]!;
    await expect(new TrustChain().verifyAll(noKey, async (id) => (id === key.headers['public-key-sha3-384'] ? key : undefined))).resolves.toBeUndefined();
  });

  it('a root that is not an account-key is refused', () => {
    expect(() => new TrustChain([Buffer.from(splitAssertions(helloAssert())[1]!.encoded)])).toThrow(/must be an account-key/);
  });
});

group('test-made chains', () => {
  it('verify only when their root is configured; a tampered blob digest fails', async () => {
    const { TestAuthority } = await import('../../helpers/snap-signer.js');
    const auth = new TestAuthority();
    const stream = auth.stream({ name: 'demo', id: 'D'.repeat(32), revision: 3, blob: Buffer.from('demo blob') });
    await expect(new TrustChain().verifyAll(splitAssertions(stream))).rejects.toThrow(/no account-key/);
    await expect(new TrustChain([auth.rootAccountKey]).verifyAll(splitAssertions(stream))).resolves.toBeUndefined();
    const forged = stream.toString('latin1').replace(/snap-size: \d+/, 'snap-size: 1');
    await expect(new TrustChain([auth.rootAccountKey]).verifyAll(splitAssertions(Buffer.from(forged, 'latin1')))).rejects.toThrow(/snap-revision/);
  });
});
