import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a private key so that it is never readable by others, not even for an instant: created
 * under a 0077 umask with mode 0600, then renamed into place.
 */
export function writeSecretFile(path: string, contents: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
  const tmp = `${path}.${process.pid}.tmp`;
  const old = process.umask(0o077);
  try {
    writeFileSync(tmp, contents, { mode: 0o600, flag: 'w' });
    chmodSync(tmp, 0o600);
    renameSync(tmp, path);
  } finally {
    process.umask(old);
  }
}

/** Certificates: readable by everyone whatever the process umask, replaced in one rename. */
export function writePublicFile(path: string, contents: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, contents, { mode: 0o644 });
  chmodSync(tmp, 0o644);
  renameSync(tmp, path);
}
