// Bases as Juju sends them (spec charmhub.md §3.3): `{architecture, name, channel}`, where an
// unknown OS is the literal "NA", 3.6 may send a risk (`22.04/stable`) and bundles are `all`.
import type { Base } from './records.js';

export const isUnknownBase = (b: Base | null | undefined): boolean => !b || b.name === 'NA' || b.channel === 'NA' || b.name === '' || b.channel === '';

/** The base's OS channel without a risk: `22.04/stable` → `22.04`. */
export const osChannel = (channel: string): string => channel.split('/')[0]!;

const wild = (v: string) => v === 'all';

/** Whether a seeded base serves a requested one (exact OS name and version; `all` matches anything). */
export function baseMatches(seeded: Base, asked: Base): boolean {
  return (
    (wild(seeded.architecture) || seeded.architecture === asked.architecture) &&
    (wild(seeded.name) || seeded.name === asked.name) &&
    (wild(seeded.channel) || osChannel(seeded.channel) === osChannel(asked.channel))
  );
}

const version = (c: string): number[] => osChannel(c).split('.').map((x) => Number.parseInt(x, 10) || 0);
const isLts = (b: Base): boolean => b.name === 'ubuntu' && /^\d*[02468]\.04$/.test(osChannel(b.channel));

/** Newest LTS first, then newer non-LTS, Ubuntu before other names; duplicates dropped. */
export function sortBases(bases: Base[]): Base[] {
  const seen = new Set<string>();
  const out = bases.filter((b) => {
    const k = `${b.architecture}/${b.name}/${b.channel}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return out.sort((a, b) => {
    if (isLts(a) !== isLts(b)) return isLts(a) ? -1 : 1;
    if ((a.name === 'ubuntu') !== (b.name === 'ubuntu')) return a.name === 'ubuntu' ? -1 : 1;
    const va = version(a.channel);
    const vb = version(b.channel);
    for (let i = 0; i < Math.max(va.length, vb.length); i++) if ((va[i] ?? 0) !== (vb[i] ?? 0)) return (vb[i] ?? 0) - (va[i] ?? 0);
    return a.architecture.localeCompare(b.architecture);
  });
}
