// Certificates as text: find the PEM blocks in whatever an admin pasted (block scalars, folded
// lines, stray indentation) and identify each by the SHA-256 of its DER bytes, as openssl does.
import { createHash, X509Certificate } from 'node:crypto';

export interface CertSummary {
  /** Canonical PEM: 64-column base64, one trailing newline. */
  pem: string;
  /** Colon-separated upper-case hex, like `openssl x509 -fingerprint -sha256`. */
  fingerprint256: string;
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  isCa: boolean;
}

const block = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

/** Every parseable certificate in `text`, in order; blocks that are not certificates are skipped. */
export function certificatesIn(text: string): CertSummary[] {
  const found: CertSummary[] = [];
  for (const m of text.matchAll(block)) {
    const der = Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64');
    const summary = summarizeDer(der);
    if (summary) found.push(summary);
  }
  return found;
}

/** The one certificate in `pem`; throws when there is none. */
export function certificateOf(pem: string): CertSummary {
  const [first] = certificatesIn(pem);
  if (!first) throw new Error('no PEM certificate found');
  return first;
}

function summarizeDer(der: Buffer): CertSummary | undefined {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(der);
  } catch {
    return undefined;
  }
  return {
    pem: toPem(der),
    fingerprint256: fingerprintOfDer(der),
    subject: oneLineName(x509.subject),
    issuer: oneLineName(x509.issuer),
    notBefore: new Date(x509.validFrom),
    notAfter: new Date(x509.validTo),
    isCa: x509.ca,
  };
}

export function fingerprintOfDer(der: Buffer): string {
  const hex = createHash('sha256').update(der).digest('hex').toUpperCase();
  return hex.match(/../g)!.join(':');
}

function toPem(der: Buffer): string {
  const b64 = der.toString('base64').match(/.{1,64}/g)!.join('\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

/** Node prints names one attribute per line; status output wants `CN=x, O=y`. */
function oneLineName(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}
