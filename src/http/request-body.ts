// The body of a request that has one (a snap store's POST /v2/snaps/refresh), read whole but
// bounded: a site gets it as a Buffer, and a body larger than the limit is refused with 413 before
// any site sees it. GET and HEAD bodies are never read.
import type { IncomingMessage } from 'node:http';
import { AgcError } from '../errors.js';

/** The largest request body read, bytes: a bulk refresh of hundreds of installed snaps is well under 1 MiB. */
export const MAX_REQUEST_BODY_BYTES = 4 << 20;

export async function readRequestBody(req: IncomingMessage, limit = MAX_REQUEST_BODY_BYTES): Promise<Buffer | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const announced = Number(req.headers['content-length'] ?? NaN);
  if (announced > limit) throw tooLarge(req, limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(req, limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function tooLarge(req: IncomingMessage, limit: number): AgcError {
  return new AgcError('AGC_ERR_BODY_TOO_LARGE', `request body larger than ${limit} bytes`, { path: req.url });
}
