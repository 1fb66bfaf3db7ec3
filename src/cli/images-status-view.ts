// `airgap-cache status`, images part: per stream, the product versions MAAS could import from the
// cache, one line each (os, release, arch, subarch, version), complete or with what is missing.
import type { StreamStatus } from '../seed/images/status.js';

export function renderImages(streams: readonly StreamStatus[]): string[] {
  const out: string[] = [];
  for (const s of streams) {
    out.push(`images ${s.ns} ${s.stream}${s.problem ? `: CANNOT READ (${s.problem})` : ''}`);
    if (!s.problem && s.versions.length === 0) out.push('  no items stored');
    const rows = s.versions.map((v) => [v.os, v.release, v.arch, v.subarch, v.version, v.complete ? 'complete' : `partial (missing ${v.missing.join(', ')})`]);
    const widths = [0, 1, 2, 3, 4].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
    for (const r of rows) out.push(`  ${r.map((cell, c) => (c < 5 ? cell.padEnd(widths[c]!) : cell)).join('  ')}`);
  }
  return out;
}
