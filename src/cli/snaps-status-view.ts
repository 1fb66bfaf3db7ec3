// `airgap-cache status`, snaps part: one line per seeded channel of each snap (name, channel,
// revision, version, architectures), complete or not.
import type { SnapsStatus } from '../seed/snap/status.js';

export function renderSnaps(all: readonly SnapsStatus[]): string[] {
  const out: string[] = [];
  for (const s of all) {
    out.push(`snaps ${s.ns}`);
    const rows = s.snaps.map((r) => [r.name, r.channel, `r${r.revision}`, r.version, r.architectures.join(','), r.complete ? 'complete' : 'INCOMPLETE (blob or snap-revision missing)']);
    const widths = [0, 1, 2, 3, 4].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
    for (const r of rows) out.push(`  ${r.map((cell, c) => (c < 5 ? cell.padEnd(widths[c]!) : cell)).join('  ')}`);
  }
  return out;
}
