import { join } from 'node:path';

const hex64 = /^[0-9a-f]{64}$/;

export function isSha256Hex(s: string): boolean {
  return hex64.test(s);
}

/** Blobs live at blobs/sha256/ab/abcdef…: addressed by content, so a path never comes from a request. */
export function blobPath(dataDir: string, sha256: string): string {
  if (!isSha256Hex(sha256)) throw new Error(`not a sha256 hex digest: ${JSON.stringify(sha256)}`);
  return join(dataDir, 'blobs', 'sha256', sha256.slice(0, 2), sha256);
}

export function tmpDir(dataDir: string): string {
  return join(dataDir, 'tmp');
}

export function indexPath(dataDir: string): string {
  return join(dataDir, 'index.sqlite');
}

/** A strong validator derived from the content, stable across restarts and imports. */
export function etagFor(sha256: string): string {
  return `"${sha256.slice(0, 32)}"`;
}
