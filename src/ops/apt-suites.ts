// What is seeded per APT suite, for the status page: every stored InRelease in an apt site's
// namespace, its snapshot date (the Release `Date`), and the components and architectures whose
// Packages index is stored for that snapshot (the Release lists everything upstream has).
import { readFile } from 'node:fs/promises';
import { clearsignedText } from '../sites/apt/clearsigned.js';
import { byHashPath, parseRelease, type Release } from '../sites/apt/release.js';
import type { Store } from '../store/store.js';

export interface AptSuiteStatus {
  ns: string;
  /** The archive root as clients name it, e.g. /ubuntu or /ubuntu-ports. */
  root: string;
  suite: string;
  /** Release Date: when upstream published this snapshot (ms), if it says. */
  snapshot: number | undefined;
  /** When this InRelease was stored here (ms). */
  storedAt: number;
  components: string[];
  architectures: string[];
  /** Set when the stored InRelease cannot be read as a Release. */
  problem?: string;
}

const inRelease = /^(.*)\/dists\/([^/]+)\/InRelease$/;

export async function aptSuites(store: Store, namespaces: ReadonlySet<string>): Promise<AptSuiteStatus[]> {
  const out: AptSuiteStatus[] = [];
  for (const meta of store.entriesMatching('*/dists/*/InRelease')) {
    const m = inRelease.exec(meta.path);
    if (!m || !namespaces.has(meta.ns)) continue;
    const base = { ns: meta.ns, root: m[1] || '/', suite: m[2]!, storedAt: meta.fetchedAt ?? meta.storedAt };
    const text = clearsignedText(await readFile(store.blobPath(meta.sha256), 'utf8').catch(() => ''));
    if (text === undefined) {
      out.push({ ...base, snapshot: undefined, components: [], architectures: [], problem: 'not a clear-signed InRelease' });
      continue;
    }
    const release = parseRelease(text);
    const seeded = seededIndices(store, meta.ns, meta.path.slice(0, -'/InRelease'.length), release);
    out.push({ ...base, snapshot: release.date, ...seeded });
  }
  // By suite name as people read them (noble, noble-security, noble-updates), not by path bytes.
  return out.sort((a, b) => a.ns.localeCompare(b.ns) || a.root.localeCompare(b.root) || a.suite.localeCompare(b.suite));
}

/** Components and architectures with a Packages index stored (by name or by hash) for this Release. */
function seededIndices(store: Store, ns: string, suiteDir: string, release: Release): { components: string[]; architectures: string[] } {
  const components = new Set<string>();
  const architectures = new Set<string>();
  for (const f of release.files.values()) {
    const m = /^([^/]+)\/binary-([^/]+)\/Packages(\.[a-z0-9]+)?$/.exec(f.path);
    if (!m) continue;
    const sha = f.hashes.SHA256;
    const stored = [store.lookup(ns, `${suiteDir}/${f.path}`), sha ? store.lookup(ns, `${suiteDir}/${byHashPath(f.path, 'SHA256', sha)}`) : undefined];
    if (!stored.some((s) => s !== undefined && (sha === undefined || s.sha256 === sha))) continue;
    components.add(m[1]!);
    architectures.add(m[2]!);
  }
  return { components: [...components].sort(), architectures: [...architectures].sort() };
}
