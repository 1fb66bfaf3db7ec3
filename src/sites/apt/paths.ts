// What an APT request path is (spec A1/A2): a suite's signed root, an immutable by-hash object, an
// index whose bytes the current InRelease pins, or anything else (pool files, which never change).
import type { HashType } from './release.js';

export type AptPath =
  | { kind: 'suite-meta'; suiteDir: string; name: 'InRelease' | 'Release' | 'Release.gpg' }
  | { kind: 'by-hash'; suiteDir: string; type: HashType; hex: string }
  | { kind: 'index'; suiteDir: string; rel: string }
  | { kind: 'other' };

const suite = /^(.*\/dists\/[^/]+)\/(.+)$/;
const byHash = /(?:^|\/)by-hash\/(MD5Sum|SHA1|SHA256|SHA512)\/([0-9a-f]+)$/;

export function classifyAptPath(path: string): AptPath {
  const m = suite.exec(path);
  if (!m) return { kind: 'other' };
  const [, suiteDir = '', rel = ''] = m;
  if (rel === 'InRelease' || rel === 'Release' || rel === 'Release.gpg') return { kind: 'suite-meta', suiteDir, name: rel };
  const h = byHash.exec(rel);
  if (h) return { kind: 'by-hash', suiteDir, type: h[1] as HashType, hex: h[2]! };
  return { kind: 'index', suiteDir, rel };
}
