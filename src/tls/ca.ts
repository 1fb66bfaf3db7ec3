// The appliance's own CA: created on first use, key mode 0600, certificate shared freely.
// Layout of certsDir: ca.crt + ca.key (the CA that signs leaves now), previous/*.crt (CAs that
// machines should keep trusting until the admin finishes a rotation), leaf/ (issued leaves).
import { createPrivateKey, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { AgcError } from '../errors.js';
import { completeInterruptedRotation } from './rotation-recovery.js';
import { writePublicFile, writeSecretFile } from './secret-file.js';

export interface Ca {
  certPem: string;
  keyPem: string;
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
  /** SHA-256 fingerprint, colon-separated upper-case hex (as openssl prints it). */
  fingerprint256: string;
  notAfter: Date;
}

export const caFiles = (certsDir: string) => ({
  cert: join(certsDir, 'ca.crt'),
  key: join(certsDir, 'ca.key'),
  /** Where a rotation stages the new pair before renaming it into place. */
  nextCert: join(certsDir, 'ca.crt.next'),
  nextKey: join(certsDir, 'ca.key.next'),
  previousDir: join(certsDir, 'previous'),
  leafDir: join(certsDir, 'leaf'),
});

const CA_YEARS = 10;

/** Loads the CA from certsDir, creating it when there is none. */
export function ensureCa(certsDir: string, subjectName = 'airgap-cache CA'): Ca {
  const files = caFiles(certsDir);
  completeInterruptedRotation(files);
  const haveCert = existsSync(files.cert);
  const haveKey = existsSync(files.key);
  if (haveCert !== haveKey) {
    throw new AgcError('AGC_ERR_CA', `${certsDir} holds only one of ca.crt and ca.key; restore the other or remove both to make a new CA`, { subject: certsDir });
  }
  if (!haveCert) {
    const created = createCa(subjectName);
    writeSecretFile(files.key, created.keyPem);
    writePublicFile(files.cert, created.certPem);
  }
  return loadCa(certsDir);
}

/** True when certsDir already holds a CA (so `ensureCa` will not create one). */
export function caExists(certsDir: string): boolean {
  const files = caFiles(certsDir);
  return existsSync(files.cert) || existsSync(files.key) || existsSync(files.nextCert);
}

export function loadCa(certsDir: string): Ca {
  const files = caFiles(certsDir);
  try {
    const mode = statSync(files.key).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new AgcError('AGC_ERR_CA', `${files.key} is readable by others (mode ${mode.toString(8)}); run chmod 600 ${files.key}`, { subject: files.key });
    }
    const certPem = readFileSync(files.cert, 'utf8');
    const keyPem = readFileSync(files.key, 'utf8');
    const x509 = new X509Certificate(certPem);
    if (!keyMatchesCert(keyPem, x509)) {
      throw new AgcError('AGC_ERR_CA', `${files.key} is not the key of ${files.cert}; restore the matching pair`, { subject: certsDir });
    }
    return {
      certPem,
      keyPem,
      cert: forge.pki.certificateFromPem(certPem),
      key: forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey,
      fingerprint256: x509.fingerprint256,
      notAfter: new Date(x509.validTo),
    };
  } catch (cause) {
    if (cause instanceof AgcError) throw cause;
    throw new AgcError('AGC_ERR_CA', `cannot load the CA from ${certsDir}: ${(cause as Error).message}`, { subject: certsDir, cause });
  }
}

export function keyMatchesCert(keyPem: string, cert: X509Certificate): boolean {
  return cert.checkPrivateKey(createPrivateKey(keyPem));
}

export function createCa(commonName = 'airgap-cache CA'): { certPem: string; keyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(Date.now() - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(Date.now() + CA_YEARS * 365 * 24 * 3600 * 1000);
  // The serial's first bytes keep two CAs made on the same day (a rotation) apart by name, so
  // trust stores and chain builders never confuse them.
  const subject = [
    { name: 'commonName', value: `${commonName} ${new Date().toISOString().slice(0, 10)} ${cert.serialNumber.slice(0, 8)}` },
    { name: 'organizationName', value: 'airgap-cache' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true, pathLenConstraint: 0 },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  // forge writes CRLF line ends; trust stores and diffs on Linux expect LF.
  return { certPem: forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n'), keyPem };
}

/** A positive 128-bit serial, hex. */
export function serialNumber(): string {
  const b = randomBytes(16);
  b[0] = b[0]! & 0x7f;
  return b.toString('hex');
}
