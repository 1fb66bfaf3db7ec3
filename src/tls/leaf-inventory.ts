// What `ca status` shows about leaves: every certificate cached under certsDir/leaf/, and
// whether the current CA signed it (after a rotation the old ones are re-issued on first use).
import { X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { caFiles } from './ca.js';
import { signedBy } from './leaf-issuer.js';

export interface LeafRecord {
  name: string;
  fingerprint256: string;
  notAfter: Date;
  signedByCurrentCa: boolean;
}

export function issuedLeaves(certsDir: string, currentCaPem: string): LeafRecord[] {
  const dir = caFiles(certsDir).leafDir;
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.crt')).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names.map((file) => {
    const x509 = new X509Certificate(readFileSync(join(dir, file)));
    return {
      name: file.slice(0, -'.crt'.length),
      fingerprint256: x509.fingerprint256,
      notAfter: new Date(x509.validTo),
      signedByCurrentCa: signedBy(x509, currentCaPem),
    };
  });
}
