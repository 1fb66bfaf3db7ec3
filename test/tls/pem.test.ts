import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCa } from '../../src/tls/ca.js';
import { certificateOf, certificatesIn } from '../../src/tls/pem.js';
import { tempDir } from '../helpers/tmp.js';

const a = createCa().certPem;
const b = createCa('Other').certPem;

describe('certificatesIn', () => {
  it('gives the SHA-256 fingerprint openssl prints', () => {
    const file = join(tempDir(), 'a.crt');
    writeFileSync(file, a);
    const openssl = execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256', '-in', file], { encoding: 'utf8' });
    expect(openssl.trim()).toBe(`sha256 Fingerprint=${certificateOf(a).fingerprint256}`);
  });

  it('finds every certificate however it was pasted: indented, folded onto one line, between other text', () => {
    const indented = a.replace(/^/gm, '      ');
    const folded = b.replace(/\n/g, ' ');
    const found = certificatesIn(`trusted:\n${indented}\nnoise\n${folded}\n`);
    expect(found.map((c) => c.fingerprint256)).toEqual([certificateOf(a).fingerprint256, certificateOf(b).fingerprint256]);
    expect(found[0]!.pem).toBe(a);
  });

  it('skips blocks that are not certificates', () => {
    expect(certificatesIn('-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n')).toEqual([]);
    expect(() => certificateOf('hello')).toThrow(/no PEM certificate/);
  });

  it('summarises subject, validity and CA flag', () => {
    const s = certificateOf(a);
    expect(s.subject).toMatch(/^CN=airgap-cache CA \d{4}-\d\d-\d\d [0-9a-f]{8}, O=airgap-cache$/);
    expect(s.isCa).toBe(true);
    expect(s.notAfter.getTime()).toBeGreaterThan(Date.now() + 9 * 365 * 86_400_000);
  });
});
