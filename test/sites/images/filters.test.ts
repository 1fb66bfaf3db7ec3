import { describe, expect, it } from 'vitest';
import { matchesAll, parseFilter, parseFilters } from '../../../src/sites/images/filters.js';

describe('sstream filters', () => {
  const item = { arch: 'amd64', release: 'noble', os: 'ubuntu', ftype: 'squashfs' };

  it('= and != compare the whole value', () => {
    expect(parseFilter('arch=amd64').matches(item)).toBe(true);
    expect(parseFilter('arch=amd').matches(item)).toBe(false);
    expect(parseFilter('arch!=amd64').matches(item)).toBe(false);
    expect(parseFilter('arch!=arm64').matches(item)).toBe(true);
  });

  it('~ and !~ search anywhere in the value (unanchored)', () => {
    expect(parseFilter('release~(jammy|noble)').matches(item)).toBe(true);
    expect(parseFilter('release~obl').matches(item)).toBe(true);
    expect(parseFilter('ftype!~(manifest|root-tgz)').matches(item)).toBe(true);
    expect(parseFilter('ftype!~squash').matches(item)).toBe(false);
  });

  it('a key the item lacks compares as ""', () => {
    const bootloader = { os: 'grub-efi-signed', arch: 'amd64' };
    expect(parseFilter('release~(jammy|noble)').matches(bootloader)).toBe(false);
    expect(parseFilter('release=').matches(bootloader)).toBe(true);
    expect(parseFilter('release!~noble').matches(bootloader)).toBe(true);
    expect(parseFilter('os~(grub*|pxelinux)').matches(bootloader)).toBe(true);
  });

  it('all filters must hold; spaces around the operator are allowed', () => {
    expect(matchesAll(parseFilters(['arch = amd64', 'release~noble']), item)).toBe(true);
    expect(matchesAll(parseFilters(['arch=amd64', 'release=jammy']), item)).toBe(false);
    expect(matchesAll([], item)).toBe(true);
  });

  it('refuses what is not one of the four forms, or a bad regex', () => {
    expect(() => parseFilter('arch')).toThrow(/not key=value/);
    expect(() => parseFilter('=amd64')).toThrow(/not key=value/);
    expect(() => parseFilter('release~(noble')).toThrow(/release~\(noble/);
  });
});
