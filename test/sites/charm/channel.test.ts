import { describe, expect, it } from 'vitest';
import { channelName, fallbackChannels, parseChannel } from '../../../src/sites/charm/channel.js';

describe('charm channels', () => {
  it('parse: bare risk, bare track, track/risk, risk/branch, track/risk/branch; junk refused', () => {
    expect(parseChannel('stable')).toEqual({ track: '', risk: 'stable' });
    expect(parseChannel(undefined)).toEqual({ track: '', risk: 'stable' });
    expect(parseChannel('14')).toEqual({ track: '14', risk: 'stable' });
    expect(parseChannel('14/edge')).toEqual({ track: '14', risk: 'edge' });
    expect(parseChannel('edge/fix')).toEqual({ track: '', risk: 'edge', branch: 'fix' });
    expect(parseChannel('14/edge/fix')).toEqual({ track: '14', risk: 'edge', branch: 'fix' });
    for (const bad of ['14/nope', 'a/b/c', '/stable', '14/stable/x/y']) expect(parseChannel(bad), bad).toBeUndefined();
  });
  it('a bare risk is the default track; closed risks fall back to more stable ones', () => {
    expect(channelName(parseChannel('stable')!, '14')).toBe('14/stable');
    expect(channelName(parseChannel('latest/stable')!, '14')).toBe('latest/stable');
    expect(fallbackChannels(parseChannel('beta')!, 'latest')).toEqual(['latest/beta', 'latest/candidate', 'latest/stable']);
    expect(fallbackChannels(parseChannel('14/edge/fix')!, 'latest')).toEqual(['14/edge/fix']);
  });
});
