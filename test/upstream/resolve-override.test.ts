import { describe, expect, it } from 'vitest';
import { destinationMap, parseDestination, parseResolveFlag } from '../../src/upstream/resolve-override.js';

describe('upstream-resolve', () => {
  it('parses IPv4 with and without port, bracketed and bare IPv6', () => {
    expect(parseDestination('127.0.0.2')).toEqual({ address: '127.0.0.2' });
    expect(parseDestination('127.0.0.2:8080')).toEqual({ address: '127.0.0.2', port: 8080 });
    expect(parseDestination('[::1]:443')).toEqual({ address: '::1', port: 443 });
    expect(parseDestination('fd00::5')).toEqual({ address: 'fd00::5' });
  });
  it('refuses names, bad ports and missing parts with the flag named', () => {
    for (const bad of ['mirror.local', '1.2.3.4:0', '1.2.3.4:99999', '1.2.3.4:', '']) expect(() => parseDestination(bad)).toThrow(/upstream-resolve/);
    expect(() => parseResolveFlag('archive.ubuntu.com')).toThrow(/HOST=IP/);
    expect(parseResolveFlag('Archive.Ubuntu.com=10.0.0.1:3142')).toEqual(['archive.ubuntu.com', '10.0.0.1:3142']);
  });
  it('maps hosts case-insensitively', () => {
    expect(destinationMap({ 'API.snapcraft.io': '127.0.0.1' }).get('api.snapcraft.io')).toEqual({ address: '127.0.0.1' });
  });
});
