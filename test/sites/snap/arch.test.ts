import { describe, expect, it } from 'vitest';
import { requestArch } from '../../../src/sites/snap/arch.js';

describe('requestArch', () => {
  it('reads the query, then the v2 header, then the v1 header; amd64 when none', () => {
    expect(requestArch({ 'snap-device-architecture': 'arm64' }, new URLSearchParams('architecture=armhf'))).toBe('armhf');
    expect(requestArch({ 'snap-device-architecture': 'arm64', 'x-ubuntu-architecture': 'i386' })).toBe('arm64');
    expect(requestArch({ 'x-ubuntu-architecture': 'armhf' })).toBe('armhf');
    expect(requestArch({})).toBe('amd64');
    expect(requestArch({ 'snap-device-architecture': '../etc' })).toBe('amd64');
  });
});
