// Everything snapd fetches to verify a store snap (spec §8.2), fetched the same way: the
// snap-revision for the blob's sha3-384, the snap-declaration, the developer's and publisher's
// accounts (Canonical's is built into snapd), and every account-key on the way up to a root.
// Returned in `snap download` order: keys, accounts, declaration, revision.
import { AgcError } from '../../errors.js';
import type { Assertion } from '../../sites/snap/assertion.js';
import { hexToBase64url } from '../../sites/snap/digest.js';
import { CANONICAL_ROOT_KEY_ID } from './canonical-root.js';
import { crossCheck, type SnapFacts } from './cross-check.js';
import type { StoreClient } from './store-client.js';

export async function fetchSnapAssertions(client: Pick<StoreClient, 'assertion'>, facts: SnapFacts, roots: ReadonlySet<string> = new Set([CANONICAL_ROOT_KEY_ID])): Promise<Assertion[]> {
  const what = `${facts.name} revision ${facts.revision}`;
  const need = async (type: string, key: string[]): Promise<Assertion> => {
    const a = await client.assertion(type, key);
    if (!a) throw new AgcError('AGC_ERR_SEED', `${what}: the store has no ${type} ${key.join('/')}`, { subject: facts.name });
    return a;
  };
  const rev = await need('snap-revision', [hexToBase64url(facts.sha3hex)]);
  const decl = await need('snap-declaration', ['16', facts.id]);
  const accounts: Assertion[] = [];
  for (const id of new Set([rev.headers['developer-id'], decl.headers['publisher-id']])) {
    if (id && id !== 'canonical') accounts.push(await need('account', [id]));
  }
  const keys: Assertion[] = [];
  const seen = new Set<string>();
  const pending = [rev, decl, ...accounts];
  while (pending.length > 0) {
    const signed = pending.shift()!;
    const id = signed.headers['sign-key-sha3-384'];
    if (!id || roots.has(id) || seen.has(id)) continue;
    seen.add(id);
    // A key that signs only keys and that the store does not serve is a root (a brand's or a test
    // store's): the import checks it is configured as trusted.
    const key = signed.type === 'account-key' ? await client.assertion('account-key', [id]) : await need('account-key', [id]);
    if (!key) continue;
    keys.push(key);
    pending.push(key);
  }
  const all = [...keys.reverse(), ...accounts, decl, rev];
  const problem = crossCheck(facts, all);
  if (problem) throw new AgcError('AGC_ERR_SEED', `${what}: the store's metadata and assertions disagree: ${problem}`, { subject: facts.name });
  return all;
}
