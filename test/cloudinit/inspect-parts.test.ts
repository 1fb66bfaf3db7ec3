import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chooseKey, effectivePart, inspectParts } from '../../src/cloudinit/inspect-parts.js';
import { indented, testCas } from './support/cas.js';

const { admin, admin2 } = testCas();
const cc = (key: string, pem: string) => `#cloud-config\n${key}:\n  trusted:\n  - |\n${indented(pem, 4)}\n`;

describe('inspectParts', () => {
  it('collects spellings and certificates from cloud-config, gzip, archive, jinja and jsonp parts', () => {
    const r = inspectParts([
      { label: 'p1', contentType: 'text/cloud-config', payload: cc('ca-certs', admin.pem) },
      { label: 'p2', contentType: 'application/gzip', payload: gzipSync(cc('ca_certs', admin2.pem)) },
      { label: 'p3', contentType: 'text/plain', payload: '## template: jinja\n#cloud-config\nca_certs: {{ x }}\n' },
      { label: 'p4', contentType: 'text/x-include-url', payload: 'http://x/' },
    ]);
    expect([...r.keys].sort()).toEqual(['ca-certs', 'ca_certs']);
    expect([...r.present.get('ca-certs')!]).toEqual([admin.fingerprint256]);
    expect([...r.present.get('ca_certs')!]).toEqual([admin2.fingerprint256]);
    expect(r.notes).toEqual(['p4 includes URLs fetched at boot; any CA settings in them were not checked']);
    expect([...inspectParts([{ label: 'j', contentType: 'text/cloud-config-jsonp', payload: '[{"op":"add","path":"/ca-certs","value":{}}]' }]).keys]).toEqual(['ca-certs']);
  });

  it('refuses parts whose shape would swallow an appended certificate', () => {
    for (const body of ['#cloud-config\nca_certs:\n', '#cloud-config\nca_certs:\n  trusted:\n', `#cloud-config\nca_certs:\n  trusted: "${admin.pem.replace(/\n/g, '\\n')}"\n`]) {
      expect(() => inspectParts([{ label: 'part 2', contentType: 'text/cloud-config', payload: body }])).toThrow(/^part 2 has .*cloud-init's merge cannot append to that/);
    }
  });

  it('finds the type cloud-init acts on: gzip unwrapped, text/plain and x-shellscript sniffed', () => {
    expect(effectivePart({ label: 'x', contentType: 'application/x-gzip', payload: gzipSync('#cloud-config\n') }).contentType).toBe('text/cloud-config');
    expect(effectivePart({ label: 'x', contentType: 'text/x-shellscript', payload: '#cloud-config\n' }).contentType).toBe('text/cloud-config');
    expect(effectivePart({ label: 'x', contentType: 'text/cloud-boothook', payload: '#!/bin/sh' }).contentType).toBe('text/cloud-boothook');
  });
});

describe('chooseKey', () => {
  const base = { present: new Map(), notes: [] };
  it('uses the spelling the admin uses, ca_certs when there is none, and warns when both are in use', () => {
    expect(chooseKey({ ...base, keys: new Set() })).toEqual({ key: 'ca_certs', notes: [] });
    expect(chooseKey({ ...base, keys: new Set(['ca-certs'] as const) })).toEqual({ key: 'ca-certs', notes: [] });
    const both = chooseKey({ ...base, keys: new Set(['ca-certs', 'ca_certs'] as const) });
    expect(both.key).toBe('ca_certs');
    expect(both.notes[0]).toMatch(/ignores ca-certs/);
  });
});
