import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { APPEND_MERGE, caDocument } from '../../src/cloudinit/ca-document.js';
import { testCas } from './support/cas.js';
import { schemaCheck } from './support/cloud-init.js';

// Real RSA keys, spawned CLIs and cloud-init runs: slow on a loaded two-core machine.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

const { ours, next } = testCas();

describe('caDocument', () => {
  it('is a valid cloud-config holding only the CA block, one literal PEM per CA', async () => {
    const text = caDocument([ours, next]);
    expect(text.startsWith('#cloud-config\n')).toBe(true);
    expect(parse(text)).toEqual({ ca_certs: { trusted: [ours.pem, next.pem] } });
    expect(text).toContain(`SHA-256 ${ours.fingerprint256}`);
    expect(text).not.toMatch(/remove_defaults|write_files|runcmd/);
    const check = await schemaCheck(text);
    expect(check.valid, check.stdout + check.stderr).toBe(true);
  });

  it('with the append merge and the admin spelling, as the part added to MIME', async () => {
    const text = caDocument([ours], { key: 'ca-certs', appendMerge: true });
    expect(parse(text)).toEqual({ merge_how: APPEND_MERGE, 'ca-certs': { trusted: [ours.pem] } });
    expect((await schemaCheck(text)).valid).toBe(true);
  });

  it('without the header line, for Juju', () => {
    expect(caDocument([ours], { header: false }).startsWith('ca_certs:')).toBe(true);
  });
});
