// Progress of a long job (seed, import, export, verify) as numbers and events; the CLI decides how
// to show it (bars on a terminal, periodic lines otherwise). The rate counts bytes actually moved
// over the last few seconds, so bytes found already there (a resumed download) do not inflate it.
import { EventEmitter } from 'node:events';

export interface ProgressSnapshot {
  phase: string;
  doneBytes: number;
  totalBytes: number | undefined;
  doneItems: number;
  totalItems: number | undefined;
  /** Bytes per second over the last few seconds. */
  rate: number;
  /** Seconds left at the current rate, when the total is known and the rate is not zero. */
  etaSeconds: number | undefined;
  elapsedSeconds: number;
  /** What is in progress now (file names, URLs), with their own byte counts. */
  active: { name: string; bytes: number; size: number | undefined }[];
}

interface ProgressEvents {
  phase: [string];
  done: [];
}

interface Active {
  name: string;
  bytes: number;
  size: number | undefined;
}

const WINDOW_MS = 5_000;

export class Progress extends EventEmitter<ProgressEvents> {
  private phase = '';
  private completedBytes = 0;
  private fixedTotal: number | undefined;
  private doneItems = 0;
  private totalItems: number | undefined;
  private transferred = 0;
  private started: number;
  private readonly samples: { t: number; bytes: number }[] = [];
  private readonly active = new Map<string, Active>();

  constructor(private readonly now: () => number = Date.now) {
    super();
    this.started = now();
  }

  /**
   * Starts a phase. With `totalBytes` the total is fixed; without it, the total grows as items
   * announce their sizes (a seed learns sizes from response headers).
   */
  begin(opts: { phase?: string; totalBytes?: number | undefined; totalItems?: number | undefined }): void {
    this.phase = opts.phase ?? this.phase;
    this.completedBytes = 0;
    this.doneItems = 0;
    this.fixedTotal = opts.totalBytes;
    this.totalItems = opts.totalItems;
    this.started = this.now();
    this.samples.length = 0;
    this.active.clear();
    this.emit('phase', this.phase);
  }

  /** Bytes moved; with a key they belong to that item, without one to the phase as a whole. */
  add(bytes: number, key?: string): void {
    const a = key === undefined ? undefined : this.active.get(key);
    if (a) a.bytes += bytes;
    else this.completedBytes += bytes;
    this.transferred += bytes;
    const t = this.now();
    const last = this.samples[this.samples.length - 1];
    if (last && t - last.t < 200) last.bytes = this.transferred;
    else this.samples.push({ t, bytes: this.transferred });
    while (this.samples.length > 2 && t - this.samples[0]!.t > WINDOW_MS) this.samples.shift();
  }

  /** More items to do, discovered as the job goes (a seed learns them from its sections). */
  expectItems(n: number): void {
    this.totalItems = (this.totalItems ?? 0) + n;
  }

  /** Bytes of an item that were already there: done, but not moved now. */
  credit(bytes: number, key: string): void {
    const a = this.active.get(key);
    if (a) a.bytes += bytes;
  }

  /** (Re)starts an item: a retried download starts again from what it credits. */
  startItem(key: string, name: string, size?: number): void {
    this.active.set(key, { name, bytes: 0, size });
  }

  itemDone(key?: string): void {
    this.doneItems += 1;
    const a = key === undefined ? undefined : this.active.get(key);
    if (a) {
      this.completedBytes += a.bytes;
      this.active.delete(key!);
    }
  }

  /** An item that failed: its bytes no longer count. */
  itemDropped(key: string): void {
    this.active.delete(key);
  }

  finish(): void {
    this.emit('done');
  }

  snapshot(): ProgressSnapshot {
    const t = this.now();
    const active = [...this.active.values()];
    const doneBytes = this.completedBytes + active.reduce((n, a) => n + a.bytes, 0);
    const allStarted = this.totalItems !== undefined && this.doneItems + active.length >= this.totalItems;
    const grown = active.every((a) => a.size !== undefined) && allStarted ? this.completedBytes + active.reduce((n, a) => n + a.size!, 0) : undefined;
    const totalBytes = this.fixedTotal ?? grown;
    const first = this.samples[0];
    const span = first ? (t - first.t) / 1000 : 0;
    const rate = first && span > 0.2 ? (this.transferred - first.bytes) / span : 0;
    const left = totalBytes === undefined ? undefined : Math.max(0, totalBytes - doneBytes);
    return {
      phase: this.phase,
      doneBytes,
      totalBytes,
      doneItems: this.doneItems,
      totalItems: this.totalItems,
      rate,
      etaSeconds: left !== undefined && rate > 0 ? left / rate : undefined,
      elapsedSeconds: (t - this.started) / 1000,
      active: active.map((a) => ({ ...a })),
    };
  }
}
