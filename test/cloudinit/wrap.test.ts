import { describe, expect, it } from 'vitest';
import { parseMime } from '../../src/cloudinit/mime-read.js';
import { wrapWithCa } from '../../src/cloudinit/wrap.js';
import { testCas } from './support/cas.js';

const { ours } = testCas();

describe('wrapWithCa', () => {
  it('makes a multipart of the given parts followed by the CA part', () => {
    const r = wrapWithCa([{ contentType: 'text/x-shellscript', body: '#!/bin/sh\n' }], [ours], 'u', ['kept note']);
    const root = parseMime(r.output.toString('latin1'));
    expect(root.children.map((c) => c.contentType)).toEqual(['text/x-shellscript', 'text/cloud-config']);
    expect(r.notes).toEqual(['kept note']);
    expect(r.form).toBe('mime');
  });

  it('uses the admin spelling found in a jinja template', () => {
    const r = wrapWithCa([{ contentType: 'text/jinja2', body: '## template: jinja\n#cloud-config\nca-certs:\n  trusted: []\n' }], [ours], 'u');
    expect(r.output.toString()).toMatch(/\nca-certs:\n {2}trusted:\n {4}# airgap-cache CA/);
  });
});
