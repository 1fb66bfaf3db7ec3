// One GET of an upstream object for a seed: optionally from a byte offset (resuming a partial
// download), always asking for the identity encoding so the bytes are upstream's bytes.
import type { Readable } from 'node:stream';
import { request, type Dispatcher } from 'undici';
import { AgcError } from '../errors.js';
import { asUpstreamError } from './fill.js';
import { contentRange, dateHeader, header, numberHeader, type ContentRange } from './headers.js';

/**
 * Room for the body ahead of the disk. undici 7 crashes the process (an uncatchable assertion,
 * nodejs/undici#5360, fixed only in undici 8 which needs Node 22) when a `Connection: close`
 * response ends while its parser is paused by backpressure; a buffer far larger than what a disk
 * falls behind a network keeps the parser from pausing on the last chunk.
 */
const BODY_BUFFER_BYTES = 16 << 20;

export interface GetOptions {
  /** Ask for the bytes from this offset on (Range); only honoured together with `ifRange`. */
  from?: number | undefined;
  /** The validator (ETag or Last-Modified) the partial bytes came with: a changed object comes whole. */
  ifRange?: string | undefined;
  signal?: AbortSignal | undefined;
}

export interface UpstreamResponse {
  status: number;
  contentType: string | undefined;
  contentLength: number | undefined;
  lastModified: number | undefined;
  etag: string | undefined;
  /** Raw Last-Modified, usable as an If-Range validator. */
  lastModifiedRaw: string | undefined;
  range: ContentRange | undefined;
  body: Readable;
  /** The body's chunks; a broken transfer or a timeout is a typed error naming the URL. */
  chunks(): AsyncGenerator<Buffer>;
  /** Reads and drops the body (keeping the connection reusable). */
  dump(): Promise<void>;
}

/** The dispatcher type, for modules that may not import undici themselves. */
export type UpstreamDispatcher = Dispatcher;

export async function upstreamGet(dispatcher: Dispatcher, url: string, opts: GetOptions = {}): Promise<UpstreamResponse> {
  const headers: Record<string, string> = { 'user-agent': 'airgap-cache-seed', 'accept-encoding': 'identity' };
  if (opts.from !== undefined && opts.from > 0 && opts.ifRange) {
    headers.range = `bytes=${opts.from}-`;
    headers['if-range'] = opts.ifRange;
  }
  try {
    const res = await request(url, { dispatcher, method: 'GET', headers, signal: opts.signal, highWaterMark: BODY_BUFFER_BYTES });
    const encoding = header(res.headers, 'content-encoding');
    if (encoding && encoding !== 'identity') {
      res.body.on('error', () => undefined).destroy();
      throw new AgcError('AGC_ERR_UPSTREAM', `${url}: upstream sent Content-Encoding ${encoding} although identity was asked for`, { subject: url });
    }
    return {
      status: res.statusCode,
      contentType: header(res.headers, 'content-type'),
      contentLength: numberHeader(res.headers, 'content-length'),
      lastModified: dateHeader(res.headers, 'last-modified'),
      lastModifiedRaw: header(res.headers, 'last-modified'),
      etag: header(res.headers, 'etag'),
      range: res.statusCode === 206 ? contentRange(res.headers) : undefined,
      body: res.body,
      chunks: () => typedChunks(res.body, url),
      dump: () => res.body.dump().catch(() => undefined),
    };
  } catch (err) {
    throw asUpstreamError(err, url);
  }
}

async function* typedChunks(body: Readable, url: string): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) yield chunk;
  } catch (err) {
    throw asUpstreamError(err, url);
  }
}
