// Test certificates: the appliance's CA and an admin's own corporate CA, made once per file.
import { createCa } from '../../../src/tls/ca.js';
import { certificateOf, certificatesIn, type CertSummary } from '../../../src/tls/pem.js';

let made: { ours: CertSummary; next: CertSummary; admin: CertSummary; admin2: CertSummary } | undefined;

export function testCas(): { ours: CertSummary; next: CertSummary; admin: CertSummary; admin2: CertSummary } {
  made ??= {
    ours: certificateOf(createCa().certPem),
    next: certificateOf(createCa().certPem),
    admin: certificateOf(createCa('Example Corp Root').certPem),
    admin2: certificateOf(createCa('Example Corp Issuing').certPem),
  };
  return made;
}

/** A PEM indented for a YAML block scalar. */
export function indented(pem: string, spaces: number): string {
  return pem.trimEnd().replace(/^/gm, ' '.repeat(spaces));
}

/** The fingerprints of every certificate in a list of trusted entries. */
export function fingerprints(entries: readonly string[]): string[] {
  return entries.flatMap((e) => certificatesIn(e).map((c) => c.fingerprint256));
}
