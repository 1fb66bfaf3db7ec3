import { describe, expect, it } from 'vitest';
import { byNewestBase, fullChannel, parseBase, parseChannel } from '../../../src/seed/charm/channel.js';

describe('channels and bases as Juju sends them', () => {
  it('a bare risk is on the default track, a bare track is its stable risk', () => {
    expect(fullChannel(parseChannel('stable')!, '14')).toBe('14/stable');
    expect(fullChannel(parseChannel('3')!, 'latest')).toBe('3/stable');
    expect(fullChannel(parseChannel('latest/edge/fix')!, '14')).toBe('latest/edge/fix');
    expect(parseChannel('14/nightly')).toBeUndefined();
    expect(parseChannel('a/b/c/d')).toBeUndefined();
  });

  it('ubuntu@22.04, with or without a risk, and series names; kubernetes names no release', () => {
    expect(parseBase('ubuntu@22.04', 'arm64')).toEqual({ architecture: 'arm64', name: 'ubuntu', channel: '22.04' });
    expect(parseBase('ubuntu@24.04/stable', 'amd64')?.channel).toBe('24.04');
    expect(parseBase('jammy', 'amd64')?.channel).toBe('22.04');
    expect(parseBase('kubernetes', 'amd64')).toBeUndefined();
  });

  it('newest base first', () => {
    const b = (channel: string) => ({ architecture: 'amd64', name: 'ubuntu', channel });
    expect([b('20.04'), b('24.04'), b('22.04')].sort(byNewestBase).map((x) => x.channel)).toEqual(['24.04', '22.04', '20.04']);
  });
});
