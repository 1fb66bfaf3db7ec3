// One fill per object, owned by no client: the fill holds its own AbortController, clients only
// subscribe, so the first client hanging up stops nobody. Late joiners read the growing file.
import { EventEmitter } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { errors as undiciErrors, request, type Dispatcher } from 'undici';
import { AgcError } from '../errors.js';
import type { Logger } from '../log.js';
import type { BlobWriter } from '../store/blob-writer.js';
import { GrowingRead } from '../store/growing-read.js';
import { SharedChunks } from '../store/shared-chunks.js';
import type { Store } from '../store/store.js';
import type { ObjectMeta } from '../store/types.js';
import { dateHeader, header, numberHeader } from './headers.js';

export interface FillRequest {
  ns: string;
  path: string;
  url: string;
  expectedSize?: number | undefined;
  expectedSha256?: string | undefined;
  expectedDigests?: Record<string, string> | undefined;
  /** Further paths in the same namespace committed with the same bytes. */
  aliases?: readonly string[] | undefined;
}

export type FillHead =
  | { kind: 'found'; contentType: string; size: number | undefined; lastModified: number }
  | { kind: 'absent'; status: number };

export interface FillEvents {
  started: [FillRequest];
  /** Another client asked for an object already being filled, and waits on that fill. */
  joined: [FillRequest];
  finished: [FillRequest, ObjectMeta];
  /** Upstream does not have it (404, 410). */
  absent: [FillRequest, number];
  failed: [FillRequest, Error];
}

/** What a client waiting on a fill sees, wherever the fill runs. */
export interface FillHandle {
  readonly head: Promise<FillHead>;
  readonly done: Promise<ObjectMeta | undefined>;
  /** The object's bytes from 0, following the fill as it grows (a stream, or read at positions). */
  reader(dataDir: string): GrowingRead;
}

/** Hands out fills: one per object, however many clients ask. */
export interface Fills {
  fill(req: FillRequest): FillHandle;
}

/** What metrics and the status page read: the fill events and the counts in flight. */
export interface FillTally extends EventEmitter<FillEvents> {
  readonly size: number;
  waiting(): number;
}

export class Fill implements FillHandle {
  readonly head: Promise<FillHead>;
  readonly done: Promise<ObjectMeta | undefined>;
  writer: BlobWriter | undefined;
  /** The body's bytes in memory, shared by the clients following the fill. */
  shared: SharedChunks | undefined;
  readonly controller = new AbortController();
  /** Clients that asked for this fill (the first included). */
  waiters = 1;

  constructor(
    readonly req: FillRequest,
    run: (fill: Fill, setHead: (h: FillHead) => void) => Promise<ObjectMeta | undefined>,
  ) {
    let setHead!: (h: FillHead) => void;
    let failHead!: (e: Error) => void;
    this.head = new Promise<FillHead>((resolve, reject) => {
      setHead = resolve;
      failHead = reject;
    });
    this.done = run(this, setHead);
    this.done.catch((err: Error) => failHead(err));
    this.head.catch(() => undefined);
    this.done.catch(() => undefined);
  }

  /** A stream of the object's bytes from 0, following the fill as it grows. */
  reader(dataDir: string): GrowingRead {
    if (!this.writer) throw new Error('fill has no body yet');
    return new GrowingRead(this.writer, dataDir, undefined, this.done, this.shared);
  }
}

export class FillManager extends EventEmitter<FillEvents> implements Fills, FillTally {
  private readonly inFlight = new Map<string, Fill>();

  constructor(
    private readonly store: Store,
    private readonly dispatcher: Dispatcher,
    private readonly log: Logger,
  ) {
    super();
  }

  get size(): number {
    return this.inFlight.size;
  }

  /** Clients attached to the fills in flight. */
  waiting(): number {
    let n = 0;
    for (const f of this.inFlight.values()) n += f.waiters;
    return n;
  }

  /** The in-flight fill for this object, or a new one. */
  fill(req: FillRequest): Fill {
    const key = `${req.ns}\0${req.path}`;
    const existing = this.inFlight.get(key);
    if (existing) {
      existing.waiters++;
      this.emit('joined', req);
      return existing;
    }
    const fill = new Fill(req, (f, setHead) => this.run(f, setHead));
    this.inFlight.set(key, fill);
    const forget = (): void => {
      if (this.inFlight.get(key) === fill) this.inFlight.delete(key);
    };
    fill.done.then(forget, forget);
    return fill;
  }

  private async run(fill: Fill, setHead: (h: FillHead) => void): Promise<ObjectMeta | undefined> {
    const { req } = fill;
    this.emit('started', req);
    try {
      const res = await request(req.url, {
        dispatcher: this.dispatcher,
        method: 'GET',
        signal: fill.controller.signal,
        // A large body buffer keeps undici 7 clear of its paused-parser assertion (nodejs/undici#5360).
        highWaterMark: 16 << 20,
        headers: { 'user-agent': 'airgap-cache', 'accept-encoding': 'identity' },
      });
      if (res.statusCode === 404 || res.statusCode === 410) {
        await res.body.dump();
        this.emit('absent', req, res.statusCode);
        setHead({ kind: 'absent', status: res.statusCode });
        return undefined;
      }
      if (res.statusCode !== 200) {
        await res.body.dump();
        throw new AgcError('AGC_ERR_UPSTREAM', `${req.url}: upstream answered ${res.statusCode}`, { subject: req.url });
      }
      const encoding = header(res.headers, 'content-encoding');
      if (encoding && encoding !== 'identity') {
        abandon(res.body);
        throw new AgcError('AGC_ERR_UPSTREAM', `${req.url}: upstream sent Content-Encoding ${encoding} although identity was asked for`, { subject: req.url });
      }
      const announced = numberHeader(res.headers, 'content-length');
      const size = req.expectedSize ?? announced;
      if (req.expectedSize !== undefined && announced !== undefined && announced !== req.expectedSize) {
        abandon(res.body);
        throw new AgcError('AGC_ERR_DIGEST_MISMATCH', `${req.url}: upstream announces ${announced} bytes, expected ${req.expectedSize}`, { subject: req.url });
      }
      const writer = this.store.createBlobWriter({
        subject: req.url,
        expectedSize: size,
        expectedSha256: req.expectedSha256,
        expectedDigests: req.expectedDigests,
      });
      const shared = new SharedChunks(size);
      fill.writer = writer;
      fill.shared = shared;
      res.body.on('data', (chunk: Buffer) => shared.append(chunk));
      const contentType = header(res.headers, 'content-type') ?? 'application/octet-stream';
      const lastModified = dateHeader(res.headers, 'last-modified') ?? Date.now();
      setHead({ kind: 'found', contentType, size, lastModified });
      try {
        await pipeline(res.body, writer);
      } finally {
        shared.unref();
      }
      const blob = await writer.result;
      const entry = { ns: req.ns, sha256: blob.sha256, size: blob.size, contentType, lastModified, digests: blob.digests, source: 'fill' };
      const [meta] = this.store.commit([req.path, ...(req.aliases ?? [])].map((path) => ({ ...entry, path })));
      this.emit('finished', req, meta!);
      this.log.info({ ns: req.ns, path: req.path, bytes: blob.size }, 'filled from upstream');
      return meta;
    } catch (err) {
      const e = asUpstreamError(err, req.url);
      this.emit('failed', req, e);
      this.log.warn({ ns: req.ns, path: req.path, code: e instanceof AgcError ? e.code : undefined, err: e.message }, 'upstream fill failed');
      throw e;
    }
  }
}

/** Drops a response body we refuse to read; undici reports that as an abort, which is expected. */
function abandon(body: NodeJS.ReadableStream & { destroy(): void }): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** Any failure of an upstream exchange as a typed error: timeouts apart, everything else is AGC_ERR_UPSTREAM. */
export function asUpstreamError(err: unknown, url: string): Error {
  if (err instanceof AgcError) return err;
  if (
    err instanceof undiciErrors.HeadersTimeoutError ||
    err instanceof undiciErrors.BodyTimeoutError ||
    err instanceof undiciErrors.ConnectTimeoutError
  ) {
    return new AgcError('AGC_ERR_UPSTREAM_TIMEOUT', `${url}: ${err.message}`, { subject: url, cause: err });
  }
  const msg = err instanceof Error ? err.message : String(err);
  return new AgcError('AGC_ERR_UPSTREAM', `${url}: ${msg}`, { subject: url, cause: err });
}
