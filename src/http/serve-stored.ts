// A hit: the object's bytes from memory (small objects) or streamed from its blob with a large read
// buffer, with validators, HEAD and single ranges. Never buffers a large object.
import { open } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Store } from '../store/store.js';
import type { ObjectMeta } from '../store/types.js';
import { notModified, rangeApplies } from './conditional.js';
import { parseRange } from './range.js';
import { sendFileRange } from './send-file-range.js';

export interface ServeResult {
  status: number;
  bytes: number;
}

/** Header sets are built once per cached metadata object, not once per request. */
const fullHeaders = new WeakMap<ObjectMeta, Record<string, string>>();

export function objectHeaders(meta: Pick<ObjectMeta, 'contentType' | 'lastModified' | 'etag'>): Record<string, string> {
  return {
    'content-type': meta.contentType,
    'last-modified': new Date(meta.lastModified).toUTCString(),
    etag: meta.etag,
    'accept-ranges': 'bytes',
  };
}

function headersFor(meta: ObjectMeta): Record<string, string> {
  let h = fullHeaders.get(meta);
  if (!h) {
    h = { ...objectHeaders(meta), 'content-length': String(meta.size) };
    fullHeaders.set(meta, h);
  }
  return h;
}

export async function serveStored(req: IncomingMessage, res: ServerResponse, meta: ObjectMeta, store: Store, readBufferBytes: number): Promise<ServeResult> {
  const full = headersFor(meta);
  const hasConditions = req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined;
  if (hasConditions && notModified(req.headers, meta.etag, meta.lastModified)) {
    res.writeHead(304, { etag: full.etag!, 'last-modified': full['last-modified']! });
    res.end();
    return { status: 304, bytes: 0 };
  }
  let status = 200;
  let start = 0;
  let end = meta.size - 1;
  let headers = full;
  if (req.headers.range !== undefined && rangeApplies(req.headers, meta.etag, meta.lastModified)) {
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
      headers = { ...full, 'content-range': `bytes ${start}-${end}/${meta.size}`, 'content-length': String(end - start + 1) };
    }
  }
  const length = end - start + 1;
  if (req.method === 'HEAD' || length === 0) {
    res.writeHead(status, headers);
    res.end();
    return { status, bytes: 0 };
  }
  const inMemory = store.cachedBytes(meta) ?? (await store.loadSmall(meta));
  if (inMemory) {
    res.writeHead(status, headers);
    res.end(status === 206 ? inMemory.subarray(start, end + 1) : inMemory);
    return { status, bytes: length };
  }
  const fh = await open(store.blobPath(meta.sha256), 'r');
  try {
    res.writeHead(status, headers);
    return { status, bytes: await sendFileRange(fh, res, start, end, readBufferBytes) };
  } finally {
    await fh.close();
  }
}
