// Checks a set of assertions the way snapd's assertion database does before it accepts them
// (spec §8.3): every signature verifies with the account-key its sign-key-sha3-384 names, that
// key belongs to the assertion's authority, and every key chains up to a trusted root (Canonical's
// built in, plus any the admin configures for a brand or test store). Keys may come from the set
// itself or from what the store already holds.
import { splitAssertions, type Assertion } from '../../sites/snap/assertion.js';
import { canonicalRootAccountKey } from './canonical-root.js';
import { parsePublicKey, verifySignature, type PublicKey } from './openpgp.js';

interface KnownKey {
  assertion: Assertion;
  pub: PublicKey;
}

export class TrustChain {
  private readonly roots = new Map<string, KnownKey>();

  /** `extraRoots`: streams of self-signed root account-keys to trust besides Canonical's. */
  constructor(extraRoots: readonly Buffer[] = []) {
    for (const stream of [Buffer.from(canonicalRootAccountKey), ...extraRoots]) {
      for (const a of splitAssertions(stream)) {
        if (a.type !== 'account-key') throw new Error(`a trusted root must be an account-key assertion, not ${a.type}`);
        const k = keyOf(a);
        if (!verifySignature(a.content, a.signature, k.pub)) throw new Error(`trusted root ${k.pub.id} is not validly self-signed`);
        this.roots.set(k.pub.id, k);
      }
    }
  }

  /**
   * Verifies every assertion in `set`; `lookupKey` finds account-keys not in the set (already
   * stored). Throws an Error naming the first assertion that does not verify, and why.
   */
  async verifyAll(set: readonly Assertion[], lookupKey: (id: string) => Promise<Assertion | undefined> = async () => undefined): Promise<void> {
    const inSet = new Map<string, Assertion>();
    for (const a of set) if (a.type === 'account-key' && a.headers['public-key-sha3-384']) inSet.set(a.headers['public-key-sha3-384'], a);
    const verified = new Map<string, KnownKey>(this.roots);
    const keyFor = async (id: string, depth: number): Promise<KnownKey> => {
      const known = verified.get(id);
      if (known) return known;
      if (depth > 8) throw new Error(`the chain of account-keys above ${id} is too long or circular`);
      const a = inSet.get(id) ?? (await lookupKey(id));
      if (!a) throw new Error(`no account-key ${id} (neither carried nor stored, nor a trusted root)`);
      const k = keyOf(a);
      if (k.pub.id !== id) throw new Error(`account-key ${id} holds a key whose digest is ${k.pub.id}`);
      await check(a, depth + 1);
      verified.set(id, k);
      return k;
    };
    const check = async (a: Assertion, depth: number): Promise<void> => {
      const signer = a.headers['sign-key-sha3-384'];
      if (!signer) throw new Error(`${describe(a)} names no sign-key-sha3-384`);
      const key = await keyFor(signer, depth);
      const owner = key.assertion.headers['account-id'];
      if (owner !== a.headers['authority-id']) throw new Error(`${describe(a)} is by authority ${a.headers['authority-id']} but signed with a key of ${owner}`);
      if (!verifySignature(a.content, a.signature, key.pub)) throw new Error(`${describe(a)}: the signature does not verify with account-key ${signer}`);
    };
    for (const a of set) await check(a, 0);
  }
}

function keyOf(a: Assertion): KnownKey {
  try {
    return { assertion: a, pub: parsePublicKey(a.body.toString('ascii')) };
  } catch (err) {
    throw new Error(`${describe(a)}: ${(err as Error).message}`);
  }
}

export function describe(a: Assertion): string {
  const id = a.headers['snap-id'] ?? a.headers['account-id'] ?? a.headers['snap-sha3-384'] ?? a.headers['public-key-sha3-384'] ?? '';
  return `${a.type} ${id}`.trim();
}
