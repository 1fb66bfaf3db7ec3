// Channels and bases as a manifest or a bundle.yaml names them, put as Juju puts them to Charmhub
// (spec charmhub.md §3.3): a bare risk is on the charm's default track, a bare track is its stable
// risk; `ubuntu@22.04` and the old series names (`jammy`) become `{name, channel}`.
import type { Base } from '../../sites/charm/records.js';

export const RISKS = ['stable', 'candidate', 'beta', 'edge'] as const;

export interface Channel {
  /** Empty when the channel named only a risk. */
  track: string;
  risk: string;
  branch?: string | undefined;
}

export function parseChannel(s: string): Channel | undefined {
  const parts = s.split('/');
  if (parts.length > 3 || parts.some((p) => !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(p))) return undefined;
  const isRisk = (p: string) => (RISKS as readonly string[]).includes(p);
  if (parts.length === 1) return isRisk(parts[0]!) ? { track: '', risk: parts[0]! } : { track: parts[0]!, risk: 'stable' };
  if (parts.length === 2 && isRisk(parts[0]!)) return { track: '', risk: parts[0]!, branch: parts[1] };
  if (!isRisk(parts[1]!)) return undefined;
  return { track: parts[0]!, risk: parts[1]!, branch: parts[2] };
}

/** `track/risk[/branch]` with the track spelled out. */
export function fullChannel(c: Channel, defaultTrack: string): string {
  return [c.track || defaultTrack, c.risk, ...(c.branch ? [c.branch] : [])].join('/');
}

const SERIES: Record<string, string> = { xenial: '16.04', bionic: '18.04', focal: '20.04', jammy: '22.04', noble: '24.04', oracular: '24.10', plucky: '25.04', questing: '25.10' };

/** `ubuntu@22.04`, `ubuntu@22.04/stable` or a series name; undefined for what names no OS release (`kubernetes`). */
export function parseBase(s: string, architecture: string): Base | undefined {
  const at = /^([a-z]+)@(\d+(?:\.\d+)?)(?:\/[a-z]+)?$/.exec(s);
  if (at) return { architecture, name: at[1]!, channel: at[2]! };
  const version = SERIES[s];
  return version ? { architecture, name: 'ubuntu', channel: version } : undefined;
}

export const baseName = (b: Base): string => `${b.name}@${b.channel}`;
export const sameBase = (a: Base, b: Base): boolean => a.architecture === b.architecture && a.name === b.name && a.channel === b.channel;

/** Newest first: `24.04` before `22.04`. */
export function byNewestBase(a: Base, b: Base): number {
  return b.channel.localeCompare(a.channel, undefined, { numeric: true }) || a.name.localeCompare(b.name);
}
