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
  return sendInTurns(res, bufferBytes, end - start + 1, start, async (buf, pos) => {
    if (pos > end) return 0;
    const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, end - pos + 1), pos);
    if (bytesRead === 0) throw new Error(`file ended at byte ${pos}, expected ${end + 1}`);
    return bytesRead;
  });
}

/**
 * Reads the bytes at `pos` into (the start of) `buf` and resolves how many, 0 when there are no
 * more; or resolves the bytes themselves from elsewhere (a view shared with other responses, which
 * is never written to), empty when there are no more.
 */
export type ReadAt = (buf: Buffer, pos: number) => Promise<number | Buffer>;

/**
 * The two-buffer loop for any source: `length` bounds the buffers when it is known (a range), and
 * `read` may wait for bytes that are not there yet (a fill). Ends the response after the last byte.
 */
export async function sendInTurns(res: ServerResponse, bufferBytes: number, length: number | undefined, start: number, read: ReadAt): Promise<number> {
  active += 1;
  try {
    const size = bufferFor(bufferBytes, active);
    const half = Math.max(16_384, Math.min(Math.ceil(size / 2), length ?? Infinity));
    const second = length === undefined ? half : Math.min(half, Math.max(0, length - half)) || 1;
    return await send(res, [Buffer.allocUnsafe(half), Buffer.allocUnsafe(second)], start, read);
  } finally {
    active -= 1;
  }
}

async function send(res: ServerResponse, buffers: Buffer[], start: number, read: ReadAt): Promise<number> {
  let closed = false;
  const onClose = (): void => {
    closed = true;
  };
  res.once('close', onClose);
  let pending: Promise<void> | undefined;
  try {
    let pos = start;
    let sent = 0;
    for (let i = 0; ; i ^= 1) {
      const buf = buffers[i]!;
      const got = await read(buf, pos);
      const chunk = typeof got === 'number' ? buf.subarray(0, got) : got;
      if (chunk.length === 0) break;
      if (pending) await pending;
      if (closed) throw new Error('client went away');
      pos += chunk.length;
      sent += chunk.length;
      pending = write(res, chunk);
    }
    if (pending) await pending;
    await new Promise<void>((resolve) => res.end(resolve));
    return sent;
  } catch (err) {
    // A read that failed while a write was in flight: that write fails too once the caller destroys
    // the response; its rejection is this one's echo, not a second error.
    pending?.catch(() => undefined);
    throw err;
  } finally {
    res.off('close', onClose);
  }
}

function write(res: ServerResponse, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    res.write(chunk, (err) => (err ? reject(err) : resolve()));
  });
}
