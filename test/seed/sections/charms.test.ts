import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../../src/seed/manifest.js';
import { bundlesSection, charmsSection } from '../../../src/seed/sections/charms.js';
import { sections } from '../../../src/seed/sections/registry.js';

describe('charms: and bundles: manifest sections', () => {
  it('the issue\'s YAML parses, with architectures defaulting to amd64', () => {
    const m = parseManifest('charms:\n  - name: postgresql\n    channel: 14/stable\n    bases: [ubuntu@22.04]\n    architectures: [amd64]\nbundles:\n  - name: cos-lite\n    channel: latest/stable\n', 'm.yaml');
    expect(m.sections.map((s) => s.section.key)).toEqual(['charms', 'bundles']);
    expect(m.sections[0]!.companions).toEqual({ bundles: [{ name: 'cos-lite', channel: 'latest/stable', architectures: ['amd64'] }] });
    expect(m.sections[1]!.companions).toEqual({ charms: [{ name: 'postgresql', channel: '14/stable', bases: ['ubuntu@22.04'], architectures: ['amd64'] }] });
    expect(sections).toContain(charmsSection);
    expect(sections).toContain(bundlesSection);
  });

  it('bad entries are named by key and line', () => {
    expect(() => parseManifest('charms:\n  - name: Postgres\n', 'm.yaml')).toThrow(/m\.yaml:2: charms\[0\]\.name: expected a charm name/);
    expect(() => parseManifest('charms:\n  - name: pg\n    bases: [windows]\n', 'm.yaml')).toThrow(/charms\[0\]\.bases\[0\]: expected a base such as ubuntu@22\.04/);
    expect(() => parseManifest('charms:\n  - name: pg\n    channel: 14/nightly\n', 'm.yaml')).toThrow(/charms\[0\]\.channel: expected a channel/);
    expect(() => parseManifest('charms:\n  - name: pg\n    channel: stable\n    revision: 3\n', 'm.yaml')).toThrow(/give a channel or a revision, not both/);
    expect(() => parseManifest('bundles:\n  - name: b\n    bases: [jammy]\n', 'm.yaml')).toThrow(/bundles\[0\]: unknown key bases/);
    expect(() => parseManifest('bundles: []\n', 'm.yaml')).toThrow(/bundles: list at least one bundle/);
  });

  it('with both keys, bundles: leaves the work to charms:', async () => {
    const r = await bundlesSection.seed([{ name: 'b', architectures: ['amd64'] }], {} as never, { charms: [{ name: 'x', architectures: ['amd64'] }] });
    expect(r).toEqual({ objects: [], requested: [] });
  });
});
