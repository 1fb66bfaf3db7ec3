import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyPath, loadManifest, parseManifest } from '../../src/seed/manifest.js';
import { tempDir } from '../helpers/tmp.js';

const bad = (text: string) => () => parseManifest(text, 'm.yaml');

describe('seed manifest', () => {
  it('parses the urls section, keeping the text as given', () => {
    const text = 'urls:\n  - http://images.maas.io/a\n  - url: http://images.maas.io/b\n    sha256: ' + 'A'.repeat(64) + '\n    size: 3\n';
    const m = parseManifest(text, 'm.yaml');
    expect(m.text).toBe(text);
    expect(m.sections.map((s) => s.section.key)).toEqual(['urls']);
    expect(m.sections[0]!.config).toEqual(['http://images.maas.io/a', { url: 'http://images.maas.io/b', sha256: 'A'.repeat(64), size: 3 }]);
  });

  it('names the file, line and key of a bad value, with the value it got', () => {
    expect(bad('urls:\n  - http://a/x\n  - url: http://a/y\n    sha256: zz\n')).toThrow(/^m\.yaml:4: urls\[1\]\.sha256: expected 64 hex digits \(got "zz"\)/);
    expect(bad('urls:\n  - 42\n')).toThrow(/m\.yaml:2: urls\[0\]: expected a URL, or a mapping/);
    expect(bad('urls:\n  - url: http://a/y\n    size: -1\n')).toThrow(/m\.yaml:3: urls\[0\]\.size: .*\(got -1\)/);
  });

  it('names unknown sections with the ones that exist, and unknown keys inside entries', () => {
    expect(bad('urls: [http://a/b]\nwidgets:\n  - core22\n')).toThrow(/m\.yaml:2: unknown section widgets \(known sections: urls\b/);
    expect(bad('urls:\n  - url: http://a/b\n    mirror: x\n')).toThrow(/m\.yaml:3: urls\[0\]: unknown key mirror/);
  });

  it('refuses a manifest that asks for nothing, an empty section, and broken YAML', () => {
    expect(bad('')).toThrow(/asks for nothing; give at least one of the sections urls\b/);
    expect(bad('urls: []\n')).toThrow(/urls: list at least one URL/);
    expect(bad('- just\n- a list\n')).toThrow(/expected a mapping of sections/);
    expect(bad('urls: [\n')).toThrow(/m\.yaml:\d+: not valid YAML/);
    expect(bad('urls: [http://a/b]\n')).not.toThrow();
  });

  it('every error is AGC_ERR_MANIFEST; a missing file too', () => {
    expect(() => loadManifest(join(tempDir(), 'nope.yaml'))).toThrow(expect.objectContaining({ code: 'AGC_ERR_MANIFEST' }));
    const f = join(tempDir(), 'ok.yaml');
    writeFileSync(f, 'urls: [http://images.maas.io/x]\n');
    expect(loadManifest(f).file).toBe(f);
  });

  it('writes key paths the way a YAML reader names them', () => {
    expect(keyPath(['urls', 3, 'sha256'])).toBe('urls[3].sha256');
    expect(keyPath([])).toBe('');
  });
});

describe('section companions', () => {
  it('a section reads its companion keys (snaps-prerequisites beside snaps), checked by their schema', () => {
    const m = parseManifest('snaps:\n  - name: lxd\nsnaps-prerequisites: false\n', 'm.yaml');
    expect(m.sections.map((s) => [s.section.key, s.companions])).toEqual([['snaps', { 'snaps-prerequisites': false }]]);
    expect(parseManifest('snaps:\n  - name: lxd\n', 'm.yaml').sections[0]!.companions).toEqual({ 'snaps-prerequisites': undefined });
    expect(() => parseManifest('snaps:\n  - name: lxd\nsnaps-prerequisites: 3\n', 'm.yaml')).toThrow(/m\.yaml:3: snaps-prerequisites/);
  });
});
