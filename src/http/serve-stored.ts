// A hit: the object's bytes from its blob, with validators, HEAD and single ranges. Streams with a
// large read buffer; never buffers the object.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { ObjectMeta } from '../store/types.js';
import { notModified, rangeApplies } from './conditional.js';
import { parseRange } from './range.js';

export interface ServeResult {
  status: number;
  bytes: number;
}

export function objectHeaders(meta: Pick<ObjectMeta, 'contentType' | 'lastModified' | 'etag'>): Record<string, string> {
  return {
    'content-type': meta.contentType,
    'last-modified': new Date(meta.lastModified).toUTCString(),
    etag: meta.etag,
    'accept-ranges': 'bytes',
  };
}

export async function serveStored(
  req: IncomingMessage,
  res: ServerResponse,
  meta: ObjectMeta,
  file: string,
  readBufferBytes: number,
): Promise<ServeResult> {
  const headers = objectHeaders(meta);
  if (notModified(req.headers, meta.etag, meta.lastModified)) {
    res.writeHead(304, { etag: headers.etag!, 'last-modified': headers['last-modified']! });
    res.end();
    return { status: 304, bytes: 0 };
  }
  let status = 200;
  let start = 0;
  let end = meta.size - 1;
  if (rangeApplies(req.headers, meta.etag, meta.lastModified)) {
    const range = parseRange(req.headers.range, meta.size);
    if (range.kind === 'unsatisfiable') {
      res.writeHead(416, { 'content-range': `bytes */${meta.size}`, 'content-length': '0' });
      res.end();
      return { status: 416, bytes: 0 };
    }
    if (range.kind === 'range') {
      status = 206;
      start = range.start;
      end = range.end;
      headers['content-range'] = `bytes ${start}-${end}/${meta.size}`;
    }
  }
  const length = end - start + 1;
  headers['content-length'] = String(length);
  if (req.method === 'HEAD' || length === 0) {
    res.writeHead(status, headers);
    res.end();
    return { status, bytes: 0 };
  }
  const fh = await open(file, 'r');
  res.writeHead(status, headers);
  const body = createReadStream(file, { fd: fh, start, end, highWaterMark: Math.min(readBufferBytes, Math.max(length, 16_384)) });
  await pipeline(body, res);
  return { status, bytes: length };
}
