import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { APPEND_MERGE } from '../../src/cloudinit/ca-document.js';
import { CA_PART_FILENAME, caPart } from '../../src/cloudinit/ca-part.js';
import { testCas } from './support/cas.js';

const { ours } = testCas();

describe('caPart', () => {
  it('is a text/cloud-config part with only the CA block and the appending merge', () => {
    const p = caPart([ours], 'ca-certs');
    expect(p).toMatchObject({ contentType: 'text/cloud-config', filename: CA_PART_FILENAME });
    expect(parse(p.body as string)).toEqual({ merge_how: APPEND_MERGE, 'ca-certs': { trusted: [ours.pem] } });
  });

  it('takes a free filename when the admin already has ours (a second merge after a rotation)', () => {
    expect(caPart([ours], 'ca_certs', new Set([CA_PART_FILENAME, 'airgap-cache-ca-2.cfg'])).filename).toBe('airgap-cache-ca-3.cfg');
  });
});
