// Reads `--merge FILE` or `--merge -` (stdin) without ever holding more than the size cap + 1 byte.
import { closeSync, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { MAX_INPUT_BYTES } from './input-guard.js';
import { userDataError } from './user-data-error.js';

/** The bytes of `source` ('-' for stdin), cut at MAX_INPUT_BYTES + 1 so the guard can refuse them. */
export async function readSource(source: string, stdin: Readable = process.stdin): Promise<Buffer> {
  if (source === '-') return readStream(stdin);
  let fd: number;
  try {
    fd = openSync(source, 'r');
  } catch (err) {
    throw userDataError(`cannot read ${source}: ${describe(err)}`, source);
  }
  try {
    const buf = Buffer.alloc(MAX_INPUT_BYTES + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buf, length, buf.length - length, null);
      length += n;
      if (n === 0 || length === buf.length) break;
    }
    return buf.subarray(0, length);
  } catch (err) {
    throw userDataError(`cannot read ${source}: ${describe(err)}`, source);
  } finally {
    closeSync(fd);
  }
}

async function readStream(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    chunks.push(b);
    length += b.length;
    if (length > MAX_INPUT_BYTES) break;
  }
  return Buffer.concat(chunks).subarray(0, MAX_INPUT_BYTES + 1);
}

function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return (err as Error).message;
}
