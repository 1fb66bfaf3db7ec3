// The one key every leaf certificate shares (certs/leaf/leaf.key). LeafIssuer makes it on first use;
// with several worker processes the primary makes it before they start, or two workers issuing
// their first certificates at once would each write a key of their own and leave on disk a
// certificate that does not match the key beside it.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeSecretFile } from './secret-file.js';

export function leafKeyPath(certsDir: string): string {
  return join(certsDir, 'leaf', 'leaf.key');
}

/** Creates the shared leaf key unless it exists; returns its path. */
export function ensureLeafKey(certsDir: string): string {
  const file = leafKeyPath(certsDir);
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeSecretFile(file, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  }
  return file;
}
