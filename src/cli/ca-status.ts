// `airgap-cache ca status`: the CA, the CAs still trusted from before a rotation, the leaves.
import { statSync } from 'node:fs';
import { runningMachineHint } from '../cloudinit/hints.js';
import { AgcError } from '../errors.js';
import { caExists, caFiles, loadCa } from '../tls/ca.js';
import { issuedLeaves, type LeafRecord } from '../tls/leaf-inventory.js';
import { trustedCas, type TrustedCa } from '../tls/trusted-cas.js';

export interface CaStatus {
  certsDir: string;
  keyMode: string;
  current: TrustedCa;
  previous: TrustedCa[];
  leaves: LeafRecord[];
}

export function caStatus(certsDir: string): CaStatus {
  if (!caExists(certsDir)) throw new AgcError('AGC_ERR_CA', `there is no CA in ${certsDir} yet; \`airgap-cache ca cert\` or \`serve\` creates one`, { subject: certsDir });
  const ca = loadCa(certsDir);
  const [current, ...previous] = trustedCas(certsDir);
  return {
    certsDir,
    keyMode: (statSync(caFiles(certsDir).key).mode & 0o777).toString(8).padStart(4, '0'),
    current: current!,
    previous,
    leaves: issuedLeaves(certsDir, ca.certPem),
  };
}

export function formatStatus(s: CaStatus, now = new Date()): string {
  const lines = [
    `CA in ${s.certsDir} (signs every leaf certificate; key ca.key mode ${s.keyMode}, never served)`,
    ...describeCa(s.current, now),
    '',
  ];
  if (s.previous.length > 0) {
    lines.push('Previous CAs, still in the user-data until `airgap-cache ca rotate --finish`:');
    for (const p of s.previous) lines.push(...describeCa(p, now), '');
  }
  lines.push(s.leaves.length === 0 ? 'Leaf certificates issued: none yet' : `Leaf certificates issued (${s.leaves.length}):`);
  const width = Math.max(0, ...s.leaves.map((l) => l.name.length));
  for (const l of s.leaves) {
    const by = l.signedByCurrentCa ? 'signed by the current CA' : 'signed by an older CA; re-issued on next use';
    lines.push(`  ${l.name.padEnd(width)}  until ${day(l.notAfter)}  ${by}`);
  }
  lines.push('', ...runningMachineHint(s.current));
  return `${lines.join('\n')}\n`;
}

function describeCa(ca: TrustedCa, now: Date): string[] {
  const daysLeft = Math.floor((ca.notAfter.getTime() - now.getTime()) / 86_400_000);
  const expiry = daysLeft < 0 ? `EXPIRED ${-daysLeft} days ago` : `${daysLeft} days left`;
  return [`  subject:     ${ca.subject}`, `  fingerprint: SHA-256 ${ca.fingerprint256}`, `  valid:       ${day(ca.notBefore)} to ${day(ca.notAfter)} (${expiry})`];
}

function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}
