import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { mergePlain } from '../../src/cloudinit/plain-merge.js';
import { fingerprints, indented, testCas } from './support/cas.js';

const { ours, admin, admin2 } = testCas();
const trustedOf = (text: string, key = 'ca_certs') => (parse(text, { version: '1.1' }) as Record<string, { trusted: string[] }>)[key]!.trusted;

describe('mergePlain', () => {
  it('appends a CA block as text when there is none, keeping comments and every byte', () => {
    const input = '#cloud-config\n# base image\npackages: [curl]   # tools\n';
    const r = mergePlain(input, [ours], 'u');
    expect(r.text.startsWith(input)).toBe(true);
    expect(fingerprints(trustedOf(r.text))).toEqual([ours.fingerprint256]);
    expect(r.added).toEqual([ours]);
  });

  it('appends to an existing list after the admin certificates, keeping their comments', () => {
    const input = `#cloud-config\nca_certs:\n  # corp root\n  trusted:\n  - |\n${indented(admin.pem, 4)}\n  remove_defaults: false\n`;
    const r = mergePlain(input, [ours], 'u');
    expect(fingerprints(trustedOf(r.text))).toEqual([admin.fingerprint256, ours.fingerprint256]);
    expect(r.text).toContain('# corp root');
    expect(parse(r.text).ca_certs.remove_defaults).toBe(false);
  });

  it('renames ca-certs to ca_certs and turns a lone string into a list', () => {
    const r = mergePlain(`#cloud-config\nca-certs:\n  trusted: |\n${indented(admin.pem, 4)}\n`, [ours], 'u');
    expect(parse(r.text)['ca-certs']).toBeUndefined();
    expect(fingerprints(trustedOf(r.text))).toEqual([admin.fingerprint256, ours.fingerprint256]);
  });

  it('moves certificates cloud-init would ignore under ca-certs into ca_certs, and says so', () => {
    const input = `#cloud-config\nca_certs:\n  trusted:\n  - |\n${indented(admin.pem, 4)}\nca-certs:\n  trusted:\n  - |\n${indented(admin2.pem, 4)}\n  - |\n${indented(admin.pem, 4)}\n`;
    const r = mergePlain(input, [ours], 'u');
    expect(fingerprints(trustedOf(r.text))).toEqual([admin.fingerprint256, admin2.fingerprint256, ours.fingerprint256]);
    expect(parse(r.text)['ca-certs']).toBeUndefined();
    expect(r.notes.join()).toMatch(/ignores ca-certs/);
  });

  it('turns flow style into block style where the PEM goes', () => {
    const r = mergePlain('#cloud-config\n{hostname: a, ca_certs: {trusted: []}}\n', [ours], 'u');
    expect(parse(r.text)).toEqual({ hostname: 'a', ca_certs: { trusted: [ours.pem] } });
    expect(r.text).toContain('- |');
  });

  it('prints the input unchanged when the CA is already trusted (by fingerprint, whatever the formatting)', () => {
    const input = `#cloud-config\nca_certs:\n  trusted: ["${ours.pem.replace(/\n/g, ' ')}"]\n`;
    const r = mergePlain(input, [ours], 'u');
    expect(r.text).toBe(input);
    expect(r.added).toEqual([]);
  });

  it('refuses a trusted that is a number, and a top level that is a list', () => {
    expect(() => mergePlain('#cloud-config\nca_certs:\n  trusted: 42\n', [ours], 'u.yaml')).toThrow('u.yaml: `ca_certs.trusted` is a number, expected a list of PEM certificates');
    expect(() => mergePlain('#cloud-config\n- a\n', [ours], 'u.yaml')).toThrow(/u\.yaml is a list/);
  });
});
