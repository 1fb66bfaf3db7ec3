import { describe, expect, it } from 'vitest';
import { checkForMaas } from '../../src/cloudinit/maas.js';

const cc = (s: string) => Buffer.from(`#cloud-config\n${s}`);

describe('checkForMaas', () => {
  it('refuses output that adds write_files or runcmd the admin did not have', () => {
    expect(() => checkForMaas(undefined, cc('write_files:\n- path: /x\n'))).toThrow(/refusing to add write_files to MAAS user-data: .*netplan/);
    expect(() => checkForMaas(cc('a: 1\n'), cc('a: 1\nruncmd: [ls]\nwrite_files: []\n'))).toThrow(/write_files and runcmd/);
  });

  it('passes the CA-only output and warns about write_files the admin already had', () => {
    expect(checkForMaas(undefined, cc('ca_certs:\n  trusted: []\n'))).toEqual([]);
    const warnings = checkForMaas(cc('write_files: []\n'), cc('write_files: []\nca_certs: {}\n'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^warning: your user-data sets write_files; with MAAS/);
  });
});
