import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseSnapYaml, trySnapYaml } from '../../../src/seed/snap/snap-yaml.js';
import { fixtureDir } from '../../helpers/snap-records.js';

describe('snap.yaml', () => {
  it('reads the fixture snap as snapd does: version 1.0 stays "1.0"', () => {
    const text = execFileSync('unsquashfs', ['-cat', `${fixtureDir}hello-lhc_4.snap`, 'meta/snap.yaml'], { encoding: 'utf8' });
    expect(parseSnapYaml(text)).toMatchObject({ name: 'hello-lhc', version: '1.0', type: 'app', base: undefined, confinement: 'strict', architectures: ['armhf'], summary: 'Hello world application for LHC', epoch: { read: [0], write: [0] }, defaultProviders: [] });
  });
  it('finds the default providers of content plugs, by plug name or interface', () => {
    const y = parseSnapYaml("name: a\nversion: '1'\nbase: core22\nepoch: 1*\nplugs:\n  gtk-3-themes:\n    interface: content\n    default-provider: gtk-common-themes:gtk-3-themes\n  content:\n    default-provider: other\n  x11: null\n  home:\n    interface: home\n    default-provider: nope\n");
    expect(y.defaultProviders.sort()).toEqual(['gtk-common-themes', 'other']);
    expect(y.epoch).toBe('1*');
    expect(y.architectures).toEqual(['all']);
  });
  it('refuses what is not a snap.yaml', () => {
    expect(() => parseSnapYaml('- a')).toThrow(/not a mapping/);
    expect(() => parseSnapYaml('name: x')).toThrow(/no name or no version/);
    expect(trySnapYaml(undefined)).toBeUndefined();
    expect(trySnapYaml(': :')).toBeUndefined();
  });
});
