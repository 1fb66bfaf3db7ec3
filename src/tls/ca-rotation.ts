// `ca rotate`: a new CA signs every leaf from now on, while the old certificate stays in
// previous/ so the user-data keeps trusting it until the admin finishes the rotation.
import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AgcError } from '../errors.js';
import { caExists, caFiles, createCa, ensureCa, loadCa, type Ca } from './ca.js';
import { certificateOf, type CertSummary } from './pem.js';
import { writePublicFile, writeSecretFile } from './secret-file.js';
import { previousCertFiles } from './trusted-cas.js';

export interface Rotation {
  previous: Ca;
  current: Ca;
}

export function rotateCa(certsDir: string): Rotation {
  if (!caExists(certsDir)) {
    throw new AgcError('AGC_ERR_CA', `there is no CA in ${certsDir} to rotate; \`airgap-cache ca cert\` creates one`, { subject: certsDir });
  }
  const files = caFiles(certsDir);
  const previous = ensureCa(certsDir);
  const next = createCa();
  writePublicFile(join(files.previousDir, previousName(previous.fingerprint256)), previous.certPem);
  writeSecretFile(files.nextKey, next.keyPem);
  writePublicFile(files.nextCert, next.certPem);
  // Key first: a crash after this rename is completed by completeInterruptedRotation.
  renameSync(files.nextKey, files.key);
  renameSync(files.nextCert, files.cert);
  // Leaves (and their key) were signed by the old CA: issue them afresh.
  rmSync(files.leafDir, { recursive: true, force: true });
  return { previous, current: loadCa(certsDir) };
}

/** Stops trusting every previous CA; returns what was removed. */
export function finishRotation(certsDir: string): CertSummary[] {
  const { previousDir } = caFiles(certsDir);
  const removed: CertSummary[] = [];
  for (const file of previousCertFiles(previousDir)) {
    removed.push(certificateOf(file.pem));
    rmSync(file.path, { force: true });
  }
  return removed;
}

/** Named by the time it was retired, so a listing sorts oldest first. */
function previousName(fingerprint256: string): string {
  // Milliseconds, so two rotations in the same second still sort by age.
  const when = new Date().toISOString().replace(/[-:.]/g, '').slice(0, 18);
  return `${when}Z-${fingerprint256.replace(/:/g, '').slice(0, 16).toLowerCase()}.crt`;
}
