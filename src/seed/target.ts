// Where a URL from a manifest lands in the store: the host group serving its host gives the
// namespace, and the path is decoded exactly as a client's request for the same URL would be.
import type { HostMatcher } from '../config/host-groups.js';
import { AgcError } from '../errors.js';
import { decodePath } from '../http/request-target.js';
import type { StoreTarget } from './sections/section.js';

export function targetOf(url: string, matcher: HostMatcher): StoreTarget | { problem: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { problem: 'is not a URL' };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { problem: `has scheme ${u.protocol.slice(0, -1)}; only http and https are fetched` };
  if (u.username || u.password) return { problem: 'carries a user name or password' };
  if (u.search || u.hash || url.includes('?')) return { problem: 'has a query or fragment, which the cache does not key on' };
  const group = matcher.match(u.hostname);
  if (!group) return { problem: `names host ${u.hostname}, which no host group serves (served: ${matcher.patterns().join(', ')})` };
  try {
    return { ns: group.namespace, path: decodePath(u.pathname) };
  } catch (err) {
    return { problem: `has a path the cache refuses: ${err instanceof AgcError ? err.message : String(err)}` };
  }
}
