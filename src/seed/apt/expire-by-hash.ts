// By-hash objects of earlier snapshots are kept so a client part-way through an update finishes
// it (spec A4.3), but not for ever: once older than the grace period, those the suite's current
// InRelease no longer lists are dropped. Canonical paths and pool files are never touched here.
import { readFile } from 'node:fs/promises';
import { clearsignedText } from '../../sites/apt/clearsigned.js';
import { classifyAptPath } from '../../sites/apt/paths.js';
import { parseRelease } from '../../sites/apt/release.js';
import type { Store } from '../../store/store.js';

export async function expireOldByHash(store: Store, namespaces: readonly string[], graceMs: number, now = Date.now()): Promise<number> {
  let removed = 0;
  for (const ns of namespaces) {
    const suites = [...store.entriesLike(ns, '%/dists/%/InRelease')].filter((m) => classifyAptPath(m.path).kind === 'suite-meta');
    for (const inRelease of suites) {
      const suiteDir = inRelease.path.slice(0, -'/InRelease'.length);
      const text = clearsignedText(await readFile(store.blobPath(inRelease.sha256), 'utf8'));
      if (text === undefined) continue;
      const listed = new Set<string>();
      for (const f of parseRelease(text).files.values()) for (const [type, hex] of Object.entries(f.hashes)) listed.add(`${type}/${hex}`);
      for (const m of [...store.entriesUnder(ns, `${suiteDir}/`)]) {
        const p = classifyAptPath(m.path);
        if (p.kind !== 'by-hash' || listed.has(`${p.type}/${p.hex}`)) continue;
        if (now - m.storedAt < graceMs) continue;
        store.remove(ns, m.path);
        removed += 1;
      }
    }
  }
  return removed;
}
