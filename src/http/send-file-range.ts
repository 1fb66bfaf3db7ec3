// Sends bytes [start, end] of an open file to a response with two fixed buffers per response:
// one is read from disk while the other is being written to the socket, and a buffer is reused
// only after the socket took it. Memory per response is exactly the two buffers, whatever the
// object size or the client's speed (no per-chunk allocation, no growing write queue).
import type { FileHandle } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';

let active = 0;

/**
 * Buffers shrink as responses multiply: all of them together stay within 32 times one response's
 * buffer (32 MiB by default), so a hundred readers of a large file do not cost a hundred full buffers.
 */
export function bufferFor(bufferBytes: number, concurrent: number): number {
  return Math.max(131_072, Math.min(bufferBytes, Math.floor((bufferBytes * 32) / Math.max(1, concurrent))));
}

export async function sendFileRange(fh: FileHandle, res: ServerResponse, start: number, end: number, bufferBytes: number): Promise<number> {
  active += 1;
  try {
    return await send(fh, res, start, end, bufferFor(bufferBytes, active));
  } finally {
    active -= 1;
  }
}

async function send(fh: FileHandle, res: ServerResponse, start: number, end: number, bufferBytes: number): Promise<number> {
  const length = end - start + 1;
  const half = Math.max(16_384, Math.min(Math.ceil(bufferBytes / 2), length));
  const buffers = [Buffer.allocUnsafe(half), Buffer.allocUnsafe(Math.min(half, Math.max(0, length - half)) || 1)];
  let closed = false;
  const onClose = (): void => {
    closed = true;
  };
  res.once('close', onClose);
  try {
    let pos = start;
    let sent = 0;
    let pending: Promise<void> | undefined;
    for (let i = 0; pos <= end; i ^= 1) {
      const buf = buffers[i]!;
      const want = Math.min(buf.length, end - pos + 1);
      const { bytesRead } = await fh.read(buf, 0, want, pos);
      if (bytesRead === 0) throw new Error(`file ended at byte ${pos}, expected ${end + 1}`);
      if (pending) await pending;
      if (closed) throw new Error('client went away');
      pos += bytesRead;
      sent += bytesRead;
      pending = write(res, buf.subarray(0, bytesRead));
    }
    if (pending) await pending;
    await new Promise<void>((resolve) => res.end(resolve));
    return sent;
  } finally {
    res.off('close', onClose);
  }
}

function write(res: ServerResponse, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    res.write(chunk, (err) => (err ? reject(err) : resolve()));
  });
}
