// `airgap-cache status`, charms part: one line per seeded channel of each charm and bundle (name,
// channel, revision, version, bases, resources), complete or what is missing.
import type { CharmsStatus } from '../seed/charm/status.js';

export function renderCharms(all: readonly CharmsStatus[]): string[] {
  const out: string[] = [];
  for (const s of all) {
    out.push(`charms ${s.ns}`);
    const rows = s.charms.map((r) => [
      r.type === 'bundle' ? `${r.name} (bundle)` : r.name,
      r.channel,
      `r${r.revision}`,
      r.version,
      r.bases.join(','),
      r.resources.length > 0 ? r.resources.join(',') : '-',
      r.complete ? 'complete' : `INCOMPLETE (missing ${r.missing.join(', ')})`,
    ]);
    const widths = [0, 1, 2, 3, 4, 5].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
    for (const r of rows) out.push(`  ${r.map((cell, c) => (c < 6 ? cell.padEnd(widths[c]!) : cell)).join('  ')}`);
  }
  return out;
}
