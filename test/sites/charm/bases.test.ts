import { describe, expect, it } from 'vitest';
import { baseMatches, isUnknownBase, osChannel, sortBases } from '../../../src/sites/charm/bases.js';

const b = (channel: string, name = 'ubuntu', architecture = 'amd64') => ({ architecture, name, channel });

describe('charm bases', () => {
  it('NA, empty and null are unknown', () => {
    expect([isUnknownBase(null), isUnknownBase(b('NA', 'NA')), isUnknownBase(b('22.04', 'NA')), isUnknownBase(b('22.04'))]).toEqual([true, true, true, false]);
  });
  it('match exactly on OS name and version (risk dropped); all is a wildcard', () => {
    expect(osChannel('22.04/stable')).toBe('22.04');
    expect(baseMatches(b('22.04'), b('22.04/stable'))).toBe(true);
    expect(baseMatches(b('22.04'), b('22.04', 'Ubuntu'))).toBe(false);
    expect(baseMatches(b('22.04'), b('22.04', 'ubuntu', 'arm64'))).toBe(false);
    expect(baseMatches(b('all', 'all', 'all'), b('24.04', 'ubuntu', 'arm64'))).toBe(true);
  });
  it('sort newest LTS first, then non-LTS, duplicates dropped', () => {
    expect(sortBases([b('20.04'), b('23.10'), b('24.04'), b('22.04'), b('24.04'), b('9', 'centos')]).map((x) => `${x.name}@${x.channel}`)).toEqual(['ubuntu@24.04', 'ubuntu@22.04', 'ubuntu@20.04', 'ubuntu@23.10', 'centos@9']);
  });
});
