// Channel names as snapd and the store spell them (spec §5.2 "Channel resolution"): `RISK`,
// `TRACK`, `TRACK/RISK`, `RISK/BRANCH`, `TRACK/RISK/BRANCH`. A missing track is the snap's
// default track; a risk with nothing released falls back to the next more stable one
// (edge → beta → candidate → stable), and a branch with nothing falls back to its risk.

export const risks = ['stable', 'candidate', 'beta', 'edge'] as const;
export type Risk = (typeof risks)[number];

export interface Channel {
  /** Empty when the name gave none: the snap's default track applies. */
  track: string;
  risk: Risk;
  branch?: string | undefined;
}

const part = /^[A-Za-z0-9][A-Za-z0-9._+~-]*$/;

function isRisk(s: string): s is Risk {
  return (risks as readonly string[]).includes(s);
}

/** Parses a channel name; undefined when it is not one snapd would send. */
export function parseChannel(name: string | undefined): Channel | undefined {
  if (name === undefined || name === '') return { track: '', risk: 'stable' };
  const p = name.split('/');
  if (p.some((s) => !part.test(s)) || p.length > 3) return undefined;
  if (p.length === 1) return isRisk(p[0]!) ? { track: '', risk: p[0]! } : { track: p[0]!, risk: 'stable' };
  if (p.length === 2) {
    if (isRisk(p[0]!)) return { track: '', risk: p[0]!, branch: p[1]! };
    return isRisk(p[1]!) ? { track: p[0]!, risk: p[1]! } : undefined;
  }
  return isRisk(p[1]!) ? { track: p[0]!, risk: p[1]!, branch: p[2]! } : undefined;
}

/** `track/risk[/branch]` with the default track filled in. */
export function channelName(ch: Channel, defaultTrack = 'latest'): string {
  return [ch.track || defaultTrack, ch.risk, ...(ch.branch ? [ch.branch] : [])].join('/');
}

/**
 * The channels to try, in order, for a request: the exact one, then (for a branch) its risk,
 * then every more stable risk of the same track.
 */
export function fallbackChain(ch: Channel, defaultTrack: string): string[] {
  const track = ch.track || defaultTrack;
  const out: string[] = [];
  if (ch.branch) out.push(`${track}/${ch.risk}/${ch.branch}`);
  for (let i = risks.indexOf(ch.risk); i >= 0; i--) out.push(`${track}/${risks[i]}`);
  return out;
}
