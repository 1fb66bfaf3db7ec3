import { describe, expect, it } from 'vitest';
import { verifyPlainMerge } from '../../src/cloudinit/plain-verify.js';
import { indented, testCas } from './support/cas.js';

const { ours, admin } = testCas();
const block = (...pems: string[]) => `ca_certs:\n  trusted:\n${pems.map((p) => `  - |\n${indented(p, 4)}\n`).join('')}`;

describe('verifyPlainMerge', () => {
  const before = { hostname: 'a', ca_certs: { trusted: [admin.pem], remove_defaults: false } };

  it('accepts a result that keeps everything and adds ours', () => {
    expect(() => verifyPlainMerge(before, `hostname: a\n${block(admin.pem, ours.pem)}  remove_defaults: false\n`, [ours], 'u')).not.toThrow();
  });

  it('catches a changed key, a dropped certificate, a missing addition and a changed setting', () => {
    expect(() => verifyPlainMerge(before, `hostname: b\n${block(admin.pem, ours.pem)}  remove_defaults: false\n`, [ours], 'u')).toThrow(/change the key "hostname"/);
    expect(() => verifyPlainMerge(before, `hostname: a\n${block(ours.pem)}  remove_defaults: false\n`, [ours], 'u')).toThrow(/drop an entry of ca_certs.trusted/);
    expect(() => verifyPlainMerge(before, `hostname: a\n${block(admin.pem)}  remove_defaults: false\n`, [ours], 'u')).toThrow(/leave out/);
    expect(() => verifyPlainMerge(before, `hostname: a\n${block(admin.pem, ours.pem)}  remove_defaults: true\n`, [ours], 'u')).toThrow(/change ca_certs.remove_defaults/);
  });
});
