// Single flight across worker processes: the primary's book of fills. The first worker to claim an
// object owns its fill (fetches upstream, writes the temporary file); every later claim, from any
// worker, follows it: the owner's reports (head, temporary file, bytes written, the end) are passed
// on to every follower, which reads the growing file itself. A worker that dies takes its fills with
// it: their followers hear "failed", like clients of an upstream that broke off.
import { EventEmitter } from 'node:events';
import { AgcError, type ErrorCode } from '../errors.js';
import type { ObjectMeta } from '../store/types.js';
import type { FillEvents, FillHead, FillRequest, FillTally } from './fill.js';

/** A fill's state as a follower needs it to catch up. */
export interface FillState {
  head?: FillHead;
  tmpPath?: string;
  written: number;
  /** Present once the fill has ended: the committed entry, or none (absent upstream). */
  end?: { meta?: ObjectMeta };
}

export interface SerializedError {
  code?: string;
  message: string;
}

/** Worker -> primary. */
export type FillReport =
  | { t: 'fill-claim'; key: string; req: FillRequest }
  | { t: 'fill-join'; key: string }
  | { t: 'fill-head'; key: string; head: FillHead }
  | { t: 'fill-body'; key: string; tmpPath: string; written: number }
  | { t: 'fill-progress'; key: string; written: number }
  | { t: 'fill-end'; key: string; meta?: ObjectMeta }
  | { t: 'fill-failed'; key: string; error: SerializedError };

/** Primary -> worker: a grant, or an owner's report passed on to a follower. */
export type FillNotice =
  | { t: 'fill-grant'; key: string; role: 'own' }
  | { t: 'fill-grant'; key: string; role: 'follow'; state: FillState }
  | Exclude<FillReport, { t: 'fill-claim' } | { t: 'fill-join' }>;

interface Entry {
  req: FillRequest;
  owner: number;
  followers: Set<number>;
  waiters: number;
  state: FillState;
}

/** How long an ended fill answers new claims itself, ms: a worker may have looked the object up just before the commit. */
const RECENT_MS = 5_000;

export function isFillReport(msg: unknown): msg is FillReport {
  return typeof msg === 'object' && msg !== null && typeof (msg as { t?: unknown }).t === 'string' && (msg as { t: string }).t.startsWith('fill-');
}

/** Primary -> worker messages look the same: a `t` starting with "fill-". */
export function isFillNotice(msg: unknown): msg is FillNotice {
  return isFillReport(msg);
}

export function serializeError(err: unknown): SerializedError {
  return err instanceof AgcError ? { code: err.code, message: err.message } : { message: err instanceof Error ? err.message : String(err) };
}

export function deserializeError(e: SerializedError, subject: string): Error {
  return new AgcError((e.code ?? 'AGC_ERR_UPSTREAM') as ErrorCode, e.message, { subject });
}

export class FillBroker extends EventEmitter<FillEvents> implements FillTally {
  private readonly fills = new Map<string, Entry>();
  private readonly recent = new Map<string, ObjectMeta>();

  constructor(private readonly send: (worker: number, notice: FillNotice) => void) {
    super();
  }

  get size(): number {
    return this.fills.size;
  }

  waiting(): number {
    let n = 0;
    for (const e of this.fills.values()) n += e.waiters;
    return n;
  }

  /** A message from a worker. */
  report(worker: number, r: FillReport): void {
    if (r.t === 'fill-claim') return this.claim(worker, r.key, r.req);
    const e = this.fills.get(r.key);
    if (!e) return;
    if (r.t === 'fill-join') {
      e.waiters++;
      this.emit('joined', e.req);
      return;
    }
    if (worker !== e.owner) return;
    switch (r.t) {
      case 'fill-head':
        e.state.head = r.head;
        if (r.head.kind === 'absent') this.emit('absent', e.req, r.head.status);
        break;
      case 'fill-body':
        e.state.tmpPath = r.tmpPath;
        e.state.written = r.written;
        break;
      case 'fill-progress':
        e.state.written = r.written;
        break;
      case 'fill-end':
        this.fills.delete(r.key);
        if (r.meta) {
          this.emit('finished', e.req, r.meta);
          this.remember(r.key, r.meta);
        }
        break;
      case 'fill-failed':
        this.fills.delete(r.key);
        this.emit('failed', e.req, deserializeError(r.error, e.req.url));
        break;
    }
    for (const f of e.followers) this.send(f, r);
  }

  /** A worker exited: its fills fail for their followers, and it follows nothing any more. */
  workerGone(worker: number): void {
    for (const [key, e] of this.fills) {
      e.followers.delete(worker);
      if (e.owner !== worker) continue;
      this.fills.delete(key);
      const error = { code: 'AGC_ERR_UPSTREAM', message: `${e.req.url}: the worker process filling it exited` };
      this.emit('failed', e.req, deserializeError(error, e.req.url));
      for (const f of e.followers) this.send(f, { t: 'fill-failed', key, error });
    }
  }

  private claim(worker: number, key: string, req: FillRequest): void {
    const e = this.fills.get(key);
    if (e) {
      e.waiters++;
      e.followers.add(worker);
      this.emit('joined', req);
      this.send(worker, { t: 'fill-grant', key, role: 'follow', state: { ...e.state } });
      return;
    }
    const meta = this.recent.get(key);
    if (meta) {
      this.emit('joined', req);
      const head: FillHead = { kind: 'found', contentType: meta.contentType, size: meta.size, lastModified: meta.lastModified };
      this.send(worker, { t: 'fill-grant', key, role: 'follow', state: { head, written: meta.size, end: { meta } } });
      return;
    }
    this.fills.set(key, { req, owner: worker, followers: new Set(), waiters: 1, state: { written: 0 } });
    this.emit('started', req);
    this.send(worker, { t: 'fill-grant', key, role: 'own' });
  }

  private remember(key: string, meta: ObjectMeta): void {
    this.recent.set(key, meta);
    setTimeout(() => {
      if (this.recent.get(key) === meta) this.recent.delete(key);
    }, RECENT_MS).unref();
  }
}
