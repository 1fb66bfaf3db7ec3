import { describe, expect, it } from 'vitest';
import { caBlocks, effectiveKey } from '../../src/cloudinit/ca-trust.js';
import { testCas } from './support/cas.js';

const { admin, admin2 } = testCas();

describe('caBlocks', () => {
  it('reads both spellings, and ca_certs is the one cloud-init uses when both are there', () => {
    const views = caBlocks({ 'ca-certs': { trusted: [admin.pem] }, ca_certs: { trusted: admin2.pem } }, 'u');
    expect(views.map((v) => [v.key, v.trusted, [...v.fingerprints]])).toEqual([
      ['ca_certs', 'string', [admin2.fingerprint256]],
      ['ca-certs', 'list', [admin.fingerprint256]],
    ]);
    expect(effectiveKey(views)).toBe('ca_certs');
    expect(effectiveKey(caBlocks({ 'ca-certs': {} }, 'u'))).toBe('ca-certs');
    expect(effectiveKey([])).toBeUndefined();
  });

  it('tells an empty block and an empty trusted apart from a missing one', () => {
    expect(caBlocks({ ca_certs: null }, 'u')[0]).toMatchObject({ blockIsNull: true });
    expect(caBlocks({ ca_certs: { trusted: null } }, 'u')[0]).toMatchObject({ trusted: 'null' });
    expect(caBlocks({ ca_certs: { remove_defaults: false } }, 'u')[0]).toMatchObject({ trusted: 'absent' });
  });

  it('refuses shapes cloud-init rejects, naming the key and what it got', () => {
    expect(() => caBlocks({ ca_certs: { trusted: 5 } }, 'u.yaml')).toThrow('u.yaml: `ca_certs.trusted` is a number, expected a list of PEM certificates');
    expect(() => caBlocks({ ca_certs: { trusted: [admin.pem, { a: 1 }] } }, 'u')).toThrow('`ca_certs.trusted`[1] is a mapping');
    expect(() => caBlocks({ 'ca-certs': 'yes' }, 'u')).toThrow('`ca-certs` is a string, expected a mapping');
    expect(() => caBlocks(['a'], 'u')).toThrow('u is a list, but a cloud-config must be a mapping');
  });
});
