// Charmhub channels (spec charmhub.md §3.3, §11.5): `track/risk[/branch]`, where a bare risk means
// the charm's default track and `latest/stable` and `stable` are the same when that track is
// `latest`. A risk with nothing seeded follows the next more stable one, as a closed channel does.
export const risks = ['stable', 'candidate', 'beta', 'edge'] as const;

export interface Channel {
  /** '' when the client named no track. */
  track: string;
  risk: string;
  branch?: string;
}

const isRisk = (s: string) => (risks as readonly string[]).includes(s);

export function parseChannel(s: string | undefined | null): Channel | undefined {
  if (s === undefined || s === null || s === '') return { track: '', risk: 'stable' };
  const p = s.split('/');
  if (p.some((x) => x === '')) return undefined;
  if (p.length === 1) return isRisk(p[0]!) ? { track: '', risk: p[0]! } : { track: p[0]!, risk: 'stable' };
  if (p.length === 2) {
    if (isRisk(p[1]!)) return { track: p[0]!, risk: p[1]! };
    return isRisk(p[0]!) ? { track: '', risk: p[0]!, branch: p[1]! } : undefined;
  }
  if (p.length === 3 && isRisk(p[1]!)) return { track: p[0]!, risk: p[1]!, branch: p[2]! };
  return undefined;
}

/** `track/risk[/branch]` with the default track filled in. */
export function channelName(c: Channel, defaultTrack: string): string {
  return `${c.track || defaultTrack}/${c.risk}${c.branch ? `/${c.branch}` : ''}`;
}

/** The channels to look in, in order: the one asked for, then (no branch) each more stable risk. */
export function fallbackChannels(c: Channel, defaultTrack: string): string[] {
  const first = channelName(c, defaultTrack);
  if (c.branch) return [first];
  const i = risks.indexOf(c.risk as (typeof risks)[number]);
  return [first, ...risks.slice(0, Math.max(i, 0)).reverse().map((r) => channelName({ track: c.track, risk: r }, defaultTrack))];
}
