// snapd's cross-checks between a snap's store metadata and its signed assertions (spec §8.3,
// snapasserts.CrossCheck): the snap-revision names the blob's sha3-384 and size, the snap-id and
// revision; the snap-declaration names the snap. A cache whose JSON disagrees with its assertions
// makes every install fail, so seeds and imports refuse such a snap.
import type { Assertion } from '../../sites/snap/assertion.js';
import { hexToBase64url } from '../../sites/snap/digest.js';

export interface SnapFacts {
  name: string;
  id: string;
  revision: number;
  size: number;
  sha3hex: string;
}

/** The problem with these facts against these assertions, or undefined when they agree. */
export function crossCheck(facts: SnapFacts, assertions: readonly Assertion[]): string | undefined {
  const sha3 = hexToBase64url(facts.sha3hex);
  const rev = assertions.find((a) => a.type === 'snap-revision' && a.headers['snap-sha3-384'] === sha3);
  if (!rev) return `no snap-revision assertion for sha3-384 ${sha3}`;
  if (rev.headers['snap-id'] !== facts.id) return `its snap-revision names snap-id ${rev.headers['snap-id']}, not ${facts.id}`;
  if (rev.headers['snap-revision'] !== String(facts.revision)) return `its snap-revision names revision ${rev.headers['snap-revision']}, not ${facts.revision}`;
  if (rev.headers['snap-size'] !== String(facts.size)) return `its snap-revision names ${rev.headers['snap-size']} bytes, the blob has ${facts.size}`;
  const decl = assertions.find((a) => a.type === 'snap-declaration' && a.headers['snap-id'] === facts.id);
  if (!decl) return `no snap-declaration for snap-id ${facts.id}`;
  if (decl.headers['snap-name'] !== facts.name) return `its snap-declaration names ${decl.headers['snap-name']}, not ${facts.name}`;
  return undefined;
}
