import { describe, expect, it, vi } from 'vitest';
import { mergeMime } from '../../src/cloudinit/mime-merge.js';
import { parseMime } from '../../src/cloudinit/mime-read.js';
import { fingerprints, indented, testCas } from './support/cas.js';
import { boot, trustedList } from './support/cloud-init.js';

// Real RSA keys, spawned CLIs and cloud-init runs: slow on a loaded two-core machine.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

const { ours, next, admin } = testCas();
const part = (body: string, type = 'text/cloud-config') => `Content-Type: ${type}\n\n${body}`;
const multipart = (...parts: string[]) => `Content-Type: multipart/mixed; boundary="XYZ"\nMIME-Version: 1.0\n\n${parts.map((p) => `--XYZ\n${p}\n`).join('')}--XYZ--\n`;

describe('mergeMime', () => {
  it('adds one part, in the spelling of the admin, and cloud-init then trusts both', async () => {
    const input = Buffer.from(multipart(part(`#cloud-config\nca-certs:\n  trusted:\n  - |\n${indented(admin.pem, 4)}\n`)));
    const r = mergeMime(input, [ours], 'u');
    expect(parseMime(r.output.toString('latin1')).children).toHaveLength(2);
    expect(r.output.toString()).toContain('\nca-certs:\n');
    const booted = await boot(r.output);
    expect(Object.keys(booted.config)).toEqual(['ca-certs']);
    expect(fingerprints(trustedList(booted))).toEqual([admin.fingerprint256, ours.fingerprint256]);
  });

  it('adds only the CAs not yet present, and nothing at all when all are', () => {
    const once = mergeMime(Buffer.from(multipart(part('#cloud-config\nhostname: a\n'))), [ours], 'u').output;
    const twice = mergeMime(once, [ours, next], 'u');
    expect(twice.added).toEqual([next]);
    expect(twice.output.toString()).toContain('filename="airgap-cache-ca-2.cfg"');
    const thrice = mergeMime(twice.output, [ours, next], 'u');
    expect(thrice.output.equals(twice.output)).toBe(true);
    expect(thrice.notes.at(-1)).toMatch(/already trusts every CA; printed unchanged/);
  });

  it('without the append merge, cloud-init would have dropped the admin CA: the added part is what keeps it', async () => {
    const input = multipart(part(`#cloud-config\nca_certs:\n  trusted:\n  - |\n${indented(admin.pem, 4)}\n`));
    const merged = mergeMime(Buffer.from(input), [ours], 'u').output.toString();
    const naive = merged.replace(/^merge_how: .*\n/m, '');
    expect(fingerprints(trustedList(await boot(naive)))).toEqual([ours.fingerprint256]);
    expect(fingerprints(trustedList(await boot(merged)))).toEqual([admin.fingerprint256, ours.fingerprint256]);
  });

  it('refuses a multipart without its closing line or without a boundary', () => {
    expect(() => mergeMime(Buffer.from('Content-Type: multipart/mixed; boundary=b\nMIME-Version: 1.0\n\n--b\n\n#!/bin/sh\n'), [ours], 'u.txt')).toThrow(
      'u.txt is multipart but has no closing --b-- line; it looks truncated',
    );
    expect(() => mergeMime(Buffer.from('Content-Type: multipart/mixed\nMIME-Version: 1.0\n\nx\n'), [ours], 'u.txt')).toThrow(/gives no boundary/);
  });

  it('refuses a part of the admin that is not YAML, naming the part', () => {
    expect(() => mergeMime(Buffer.from(multipart(part('#!/bin/sh\n', 'text/x-shellscript'), part('#cloud-config\na: [\n'))), [ours], 'u')).toThrow(
      /^u, part 2 \(text\/cloud-config\) is not valid YAML/,
    );
  });
});
