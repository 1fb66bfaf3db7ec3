// A miss being filled: the bytes stream to this client as they arrive from upstream. Ranges are
// ignored while filling (a 200 with the whole object is always a valid answer); an upstream that
// breaks off mid-body breaks this response too, so no client ever takes a short body for whole.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FillHandle } from '../upstream/fill.js';
import { sendInTurns } from './send-file-range.js';
import type { ServeResult } from './serve-stored.js';

export async function serveFill(
  req: IncomingMessage,
  res: ServerResponse,
  fill: FillHandle,
  head: { contentType: string; size: number | undefined; lastModified: number },
  dataDir: string,
  readBufferBytes: number,
): Promise<ServeResult> {
  const headers: Record<string, string> = {
    'content-type': head.contentType,
    'last-modified': new Date(head.lastModified).toUTCString(),
  };
  if (head.size !== undefined) headers['content-length'] = String(head.size);
  if (req.method === 'HEAD') {
    res.writeHead(200, headers);
    res.end();
    return { status: 200, bytes: 0 };
  }
  const reader = fill.reader(dataDir);
  res.writeHead(200, headers);
  try {
    // Two fixed buffers per client, as for stored objects: a herd following one fill allocates
    // nothing per chunk (per-chunk buffers made V8 collect garbage for a quarter of the CPU time).
    // The bytes come from the chunks the fill shares in memory when it can: one copy or read for the herd.
    return { status: 200, bytes: await sendInTurns(res, readBufferBytes, head.size, 0, (buf, pos) => reader.chunkAt(buf, pos)) };
  } catch (err) {
    res.destroy(err as Error);
    throw err;
  } finally {
    reader.destroy();
  }
}
