// One file of a mirror tree into the store: its size and sha256 must be what the signed metadata
// says. A payload the store already holds is only hashed, not copied again.
// Metadata, already read and verified, goes in from memory so the stored bytes are the checked ones.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AgcError, isAgcError } from '../../errors.js';
import { touchBlob } from '../../store/gc.js';
import type { Store } from '../../store/store.js';

export interface TreeFileResult {
  sha256: string;
  size: number;
  mtimeMs: number;
  /** True when this import wrote the blob (a failed import removes what it wrote). */
  written: boolean;
}

export async function storeTreeFile(store: Store, file: string, expected: { sha256?: string | undefined; size?: number | undefined }, onBytes?: (n: number) => void): Promise<TreeFileResult> {
  const st = await stat(file);
  if (expected.size !== undefined && st.size !== expected.size) throw mismatch(file, `has ${st.size} bytes, its signed metadata says ${expected.size}`);
  const known = expected.sha256 !== undefined && (await stat(store.blobPath(expected.sha256)).then((b) => b.size === st.size, () => false));
  const source = createReadStream(file, { highWaterMark: 4 << 20 });
  if (onBytes) source.on('data', (c: Buffer | string) => onBytes(c.length));
  if (known) {
    await touchBlob(store, expected.sha256!);
    const h = createHash('sha256');
    for await (const chunk of source) h.update(chunk as Buffer);
    const got = h.digest('hex');
    if (got !== expected.sha256) throw mismatch(file, `has sha256 ${got}, its signed metadata says ${expected.sha256}`);
    return { sha256: got, size: st.size, mtimeMs: st.mtimeMs, written: false };
  }
  const writer = store.createBlobWriter({ subject: file, expectedSize: expected.size, expectedSha256: expected.sha256 });
  try {
    await pipeline(source, writer);
    const r = await writer.result;
    return { sha256: r.sha256, size: r.size, mtimeMs: st.mtimeMs, written: true };
  } catch (err) {
    if (isAgcError(err, 'AGC_ERR_DIGEST_MISMATCH')) throw mismatch(file, err.message.replace(`${file}: `, ''));
    throw err;
  }
}

/** Bytes already read and verified (a metadata file) into the store, exactly those bytes. */
export async function storeTreeBytes(store: Store, bytes: Buffer, subject: string): Promise<{ sha256: string; written: boolean }> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const known = await stat(store.blobPath(sha256)).then((b) => b.size === bytes.length, () => false);
  if (known) {
    await touchBlob(store, sha256);
    return { sha256, written: false };
  }
  const writer = store.createBlobWriter({ subject, expectedSize: bytes.length, expectedSha256: sha256 });
  await pipeline(Readable.from([bytes]), writer);
  await writer.result;
  return { sha256, written: true };
}

function mismatch(file: string, why: string): AgcError {
  return new AgcError('AGC_ERR_MIRROR', `${file} ${why}: the mirror is damaged or was tampered with`, { subject: file });
}
