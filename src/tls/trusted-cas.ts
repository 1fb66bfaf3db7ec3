// Which CA certificates machines should trust: the current CA first, then every previous CA a
// rotation kept (until `ca rotate --finish`), most recently retired first. Certificates only: nothing here reads a key.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { caFiles } from './ca.js';
import { certificateOf, type CertSummary } from './pem.js';

export interface TrustedCa extends CertSummary {
  role: 'current' | 'previous';
}

export function trustedCas(certsDir: string): TrustedCa[] {
  const files = caFiles(certsDir);
  const current: TrustedCa = { ...certificateOf(readFileSync(files.cert, 'utf8')), role: 'current' };
  const seen = new Set([current.fingerprint256]);
  const list = [current];
  for (const file of previousCertFiles(files.previousDir).reverse()) {
    const cert = certificateOf(file.pem);
    if (seen.has(cert.fingerprint256)) continue;
    seen.add(cert.fingerprint256);
    list.push({ ...cert, role: 'previous' });
  }
  return list;
}

export function previousCertFiles(previousDir: string): { path: string; pem: string }[] {
  let names: string[];
  try {
    names = readdirSync(previousDir).filter((n) => n.endsWith('.crt')).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names.map((n) => ({ path: join(previousDir, n), pem: readFileSync(join(previousDir, n), 'utf8') }));
}
