// A rotation stages the new CA as ca.key.next + ca.crt.next and then renames the key, then the
// certificate. A crash can stop it between any two steps; this puts certsDir back into a state
// where ca.key and ca.crt belong together, before anything reads them.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { AgcError } from '../errors.js';

export interface RotationFiles {
  cert: string;
  key: string;
  nextCert: string;
  nextKey: string;
  leafDir: string;
}

export function completeInterruptedRotation(files: RotationFiles): void {
  const haveNextCert = existsSync(files.nextCert);
  const haveNextKey = existsSync(files.nextKey);
  if (!haveNextCert && !haveNextKey) return;
  if (haveNextKey) {
    // The switch never started: the old pair is whole, the staged one is dropped.
    rmSync(files.nextKey, { force: true });
    rmSync(files.nextCert, { force: true });
    return;
  }
  // The new key is in place, its certificate is not yet.
  const staged = new X509Certificate(readFileSync(files.nextCert));
  if (!existsSync(files.key) || !staged.checkPrivateKey(createPrivateKey(readFileSync(files.key)))) {
    throw new AgcError('AGC_ERR_CA', `an interrupted CA rotation left ${files.nextCert} that does not match ${files.key}; restore the CA from a backup`, {
      subject: files.nextCert,
    });
  }
  renameSync(files.nextCert, files.cert);
  rmSync(files.leafDir, { recursive: true, force: true });
}
