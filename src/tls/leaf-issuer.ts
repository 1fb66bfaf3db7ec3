// Leaf certificates, one per server name a client asks for, signed by the CA and cached in memory
// and under certsDir/leaf/ so a restart does not re-issue them. One leaf key serves every name.
import { createPublicKey, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSecureContext, type SecureContext } from 'node:tls';
import forge from 'node-forge';
import type { Ca } from './ca.js';
import { serialNumber } from './ca.js';
import { ensureLeafKey, leafKeyPath } from './leaf-key.js';
import { writePublicFile, writeSecretFile } from './secret-file.js';

const LEAF_DAYS = 397;
const RENEW_BEFORE_MS = 30 * 24 * 3600 * 1000;

export interface IssuedLeaf {
  name: string;
  certPem: string;
  notAfter: Date;
}

/** True when `ca` made this signature, not merely when the issuer name matches (a rotation keeps the name shape). */
export function signedBy(leaf: X509Certificate, caPem: string): boolean {
  const ca = new X509Certificate(caPem);
  return leaf.checkIssued(ca) && leaf.verify(ca.publicKey);
}

export class LeafIssuer {
  private readonly contexts = new Map<string, SecureContext>();
  private readonly leafDir: string;
  private readonly caSource: () => Ca;
  private contextsCa: Ca | undefined;
  private keyPem: string | undefined;

  /** `ca` is the CA itself, or where to ask for the current one (see CurrentCa): a new one drops every cached context. */
  constructor(
    ca: Ca | (() => Ca),
    private readonly certsDir: string,
  ) {
    this.caSource = typeof ca === 'function' ? ca : () => ca;
    this.leafDir = join(certsDir, 'leaf');
  }

  private get ca(): Ca {
    return this.caSource();
  }

  /** A TLS context for exactly this (already validated) server name. */
  contextFor(name: string): SecureContext {
    const ca = this.ca;
    if (ca !== this.contextsCa) {
      this.contexts.clear();
      this.contextsCa = ca;
    }
    let ctx = this.contexts.get(name);
    if (!ctx) {
      const leaf = this.certificateFor(name);
      ctx = createSecureContext({ key: this.leafKey(), cert: leaf.certPem + ca.certPem, minVersion: 'TLSv1.2' });
      this.contexts.set(name, ctx);
    }
    return ctx;
  }

  certificateFor(name: string): IssuedLeaf {
    const file = join(this.leafDir, `${name}.crt`);
    if (existsSync(file)) {
      const certPem = readFileSync(file, 'utf8');
      const x509 = new X509Certificate(certPem);
      const fresh = new Date(x509.validTo).getTime() - Date.now() > RENEW_BEFORE_MS;
      const ca = this.ca;
      const ours = x509.publicKey.equals(createPublicKey(this.leafKey()));
      if (fresh && ours && signedBy(x509, ca.certPem) && x509.checkHost(name) === name) {
        return { name, certPem, notAfter: new Date(x509.validTo) };
      }
    }
    const certPem = this.issue(name);
    writePublicFile(file, certPem);
    return { name, certPem, notAfter: new Date(new X509Certificate(certPem).validTo) };
  }

  issuedNames(): string[] {
    return [...this.contexts.keys()].sort();
  }

  private leafKey(): string {
    const file = leafKeyPath(this.certsDir);
    if (this.keyPem) {
      // A rotation deletes leaf/ with the key in it; leaves issued since are for this key, so it goes back.
      if (!existsSync(file)) writeSecretFile(file, this.keyPem);
      return this.keyPem;
    }
    this.keyPem = readFileSync(ensureLeafKey(this.certsDir), 'utf8');
    return this.keyPem;
  }

  private issue(name: string): string {
    const ca = this.ca;
    const key = forge.pki.privateKeyFromPem(this.leafKey()) as forge.pki.rsa.PrivateKey;
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
    cert.serialNumber = serialNumber();
    cert.validity.notBefore = new Date(Date.now() - 60 * 60 * 1000);
    cert.validity.notAfter = new Date(Math.min(Date.now() + LEAF_DAYS * 24 * 3600 * 1000, ca.notAfter.getTime()));
    cert.setSubject([{ name: 'commonName', value: name }]);
    cert.setIssuer(ca.cert.subject.attributes);
    cert.setExtensions([
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: name }] },
      { name: 'authorityKeyIdentifier', keyIdentifier: ca.cert.generateSubjectKeyIdentifier().getBytes() },
    ]);
    cert.sign(ca.key, forge.md.sha256.create());
    return forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n');
  }
}
