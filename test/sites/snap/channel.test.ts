import { describe, expect, it } from 'vitest';
import { channelName, fallbackChain, parseChannel } from '../../../src/sites/snap/channel.js';

describe('channels', () => {
  it('parses every shape snapd sends', () => {
    expect(parseChannel(undefined)).toEqual({ track: '', risk: 'stable' });
    expect(parseChannel('edge')).toEqual({ track: '', risk: 'edge' });
    expect(parseChannel('5.21')).toEqual({ track: '5.21', risk: 'stable' });
    expect(parseChannel('latest/stable')).toEqual({ track: 'latest', risk: 'stable' });
    expect(parseChannel('beta/fix-1')).toEqual({ track: '', risk: 'beta', branch: 'fix-1' });
    expect(parseChannel('5.21/candidate/hotfix')).toEqual({ track: '5.21', risk: 'candidate', branch: 'hotfix' });
    expect(parseChannel('5.21/nonsense')).toBeUndefined();
    expect(parseChannel('a/b/c/d')).toBeUndefined();
    expect(parseChannel('../x')).toBeUndefined();
  });
  it('names with the default track filled in', () => {
    expect(channelName(parseChannel('stable')!, '5.21')).toBe('5.21/stable');
    expect(channelName(parseChannel('edge')!)).toBe('latest/edge');
    expect(channelName(parseChannel('x/beta/b')!)).toBe('x/beta/b');
  });
  it('falls back from a branch to its risk, then to ever more stable risks on the same track', () => {
    expect(fallbackChain(parseChannel('edge')!, 'latest')).toEqual(['latest/edge', 'latest/beta', 'latest/candidate', 'latest/stable']);
    expect(fallbackChain(parseChannel('stable')!, '5.21')).toEqual(['5.21/stable']);
    expect(fallbackChain(parseChannel('3/candidate/fix')!, 'latest')).toEqual(['3/candidate/fix', '3/candidate', '3/stable']);
  });
});
