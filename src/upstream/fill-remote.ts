// A worker's side of single flight across processes: each object's fill is claimed from the primary
// (fill-broker.ts). Granted ownership, this worker runs the fill itself and reports its progress;
// told to follow, it reads the owner's growing temporary file as the reports come in, exactly as a
// late joiner of a local fill does. Clients in this worker asking for the same object share one claim.
import { EventEmitter } from 'node:events';
import { GrowingRead, type GrowingSource } from '../store/growing-read.js';
import type { ObjectMeta } from '../store/types.js';
import { deserializeError, serializeError, type FillNotice, type FillReport, type FillState } from './fill-broker.js';
import type { Fill, FillHandle, FillHead, FillManager, FillRequest, Fills } from './fill.js';

/** Stands in for the owner's BlobWriter, moved by the owner's reports. */
export class RemoteBody extends EventEmitter implements GrowingSource {
  tmpPath = '';
  written = 0;
  writableFinished = false;
  destroyed = false;
  errored: Error | null = null;
  readonly opened: Promise<void>;
  readonly result: Promise<{ sha256: string }>;
  private open!: () => void;
  private settle!: (r: { sha256: string }) => void;
  private fail!: (e: Error) => void;

  constructor() {
    super();
    // Every client of this worker following the fill listens for progress.
    this.setMaxListeners(0);
    this.opened = new Promise((resolve) => (this.open = resolve));
    this.result = new Promise((resolve, reject) => {
      this.settle = resolve;
      this.fail = reject;
    });
    this.result.catch(() => undefined);
  }

  body(tmpPath: string, written: number): void {
    this.tmpPath = tmpPath;
    this.progress(written);
    this.open();
  }

  progress(written: number): void {
    if (written <= this.written) return;
    this.written = written;
    this.emit('progress', written);
  }

  committed(meta: ObjectMeta): void {
    this.written = meta.size;
    this.writableFinished = true;
    this.settle({ sha256: meta.sha256 });
    // With no temporary file reported (the fill had ended), opening '' fails and the reader opens the blob.
    this.open();
    this.emit('finish');
  }

  failed(err: Error): void {
    this.destroyed = true;
    this.errored = err;
    this.fail(err);
    this.open();
    this.emit('close');
  }
}

/** One object's fill as this worker's clients see it, whichever process runs it. */
export class SharedFill implements FillHandle {
  readonly head: Promise<FillHead>;
  readonly done: Promise<ObjectMeta | undefined>;
  private local: Fill | undefined;
  private remote: RemoteBody | undefined;
  private setHead!: (h: FillHead) => void;
  private failHead!: (e: Error) => void;
  private setDone!: (m: ObjectMeta | undefined) => void;
  private failDone!: (e: Error) => void;
  private headSet = false;

  constructor(readonly req: FillRequest) {
    this.head = new Promise((resolve, reject) => {
      this.setHead = resolve;
      this.failHead = reject;
    });
    this.done = new Promise((resolve, reject) => {
      this.setDone = resolve;
      this.failDone = reject;
    });
    this.head.catch(() => undefined);
    this.done.catch(() => undefined);
  }

  reader(dataDir: string): GrowingRead {
    if (this.local) return this.local.reader(dataDir);
    if (!this.remote) throw new Error('fill has no body yet');
    return new GrowingRead(this.remote, dataDir, undefined, this.done);
  }

  /** This worker runs the fill. */
  own(fill: Fill): void {
    this.local = fill;
    fill.head.then((h) => this.gotHead(h), (e: Error) => this.failed(e));
    fill.done.then((m) => this.ended(m), (e: Error) => this.failed(e));
  }

  /** Another worker runs it: catch up with its state so far. */
  follow(state: FillState): void {
    this.remote = new RemoteBody();
    if (state.head) this.gotHead(state.head);
    if (state.tmpPath !== undefined) this.remote.body(state.tmpPath, state.written);
    if (state.end) this.ended(state.end.meta);
  }

  notice(n: FillNotice): void {
    const remote = this.remote;
    if (!remote) return;
    switch (n.t) {
      case 'fill-head':
        return this.gotHead(n.head);
      case 'fill-body':
        return remote.body(n.tmpPath, n.written);
      case 'fill-progress':
        return remote.progress(n.written);
      case 'fill-end':
        return this.ended(n.meta);
      case 'fill-failed':
        return this.failed(deserializeError(n.error, this.req.url));
    }
  }

  private gotHead(h: FillHead): void {
    this.headSet = true;
    this.setHead(h);
  }

  private ended(meta: ObjectMeta | undefined): void {
    if (meta) this.remote?.committed(meta);
    else this.remote?.failed(new Error('upstream has no such object'));
    this.setDone(meta);
  }

  private failed(err: Error): void {
    this.remote?.failed(err);
    if (!this.headSet) this.failHead(err);
    this.failDone(err);
  }
}

/** The worker's fills: claims go to the primary over `send`; its notices come back through `notice`. */
export class ClusterFills implements Fills {
  private readonly claims = new Map<string, SharedFill>();

  constructor(
    private readonly local: FillManager,
    private readonly send: (r: FillReport) => void,
  ) {}

  fill(req: FillRequest): FillHandle {
    const key = `${req.ns}\0${req.path}`;
    const existing = this.claims.get(key);
    if (existing) {
      this.send({ t: 'fill-join', key });
      return existing;
    }
    const shared = new SharedFill(req);
    this.claims.set(key, shared);
    const forget = (): void => {
      if (this.claims.get(key) === shared) this.claims.delete(key);
    };
    shared.done.then(forget, forget);
    this.send({ t: 'fill-claim', key, req });
    return shared;
  }

  notice(n: FillNotice): void {
    const shared = this.claims.get(n.key);
    if (!shared) return;
    if (n.t !== 'fill-grant') return shared.notice(n);
    if (n.role === 'follow') return shared.follow(n.state);
    const fill = this.local.fill(shared.req);
    shared.own(fill);
    this.report(n.key, fill);
  }

  /** Tells the primary what the fill this worker owns is doing, for its followers elsewhere. */
  private report(key: string, fill: Fill): void {
    const failed = (e: unknown): void => this.send({ t: 'fill-failed', key, error: serializeError(e) });
    fill.head.then((head) => {
      this.send({ t: 'fill-head', key, head });
      const w = fill.writer;
      if (head.kind !== 'found' || !w) return;
      void w.opened.then(() => {
        this.send({ t: 'fill-body', key, tmpPath: w.tmpPath, written: w.written });
        // One report per turn of the event loop at most, however many chunks were written in it.
        let queued = false;
        const progress = (): void => {
          if (queued) return;
          queued = true;
          setImmediate(() => {
            queued = false;
            if (!w.writableFinished && !w.destroyed) this.send({ t: 'fill-progress', key, written: w.written });
          });
        };
        w.on('progress', progress);
      });
    }, () => undefined);
    fill.done.then((meta) => this.send(meta ? { t: 'fill-end', key, meta } : { t: 'fill-end', key }), failed);
  }
}
