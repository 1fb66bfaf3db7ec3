// The worker processes that share the public doors (node:cluster) when http.workers > 1: the
// primary forks them, waits for each to report its doors open, replaces one that dies, and stops
// them all on the way out. Workers run the same command line; cluster.isWorker tells them apart.
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '../log.js';

/** A worker's first message: its doors are open on these ports. */
export interface ReadyMessage {
  t: 'ready';
  ports: { http: number; https: number };
}

export interface WorkerPoolOptions {
  count: number;
  log: Logger;
  /** Any other message from a worker. */
  onMessage: (worker: number, msg: unknown) => void;
  /** A worker is gone (crashed, killed, or stopped). */
  onExit: (worker: number) => void;
  /** The script workers run, and its arguments (default: this process's own). */
  exec?: string;
  args?: string[];
  /** How long a stopping worker may take before it is killed, ms. */
  stopTimeoutMs?: number;
}

/** A replacement for a worker that died this soon after its start waits a little, so a crash loop does not spin. */
const EARLY_DEATH_MS = 5_000;
const RESTART_BACKOFF_MS = 1_000;

export class WorkerPool {
  private readonly workers = new Map<number, { worker: Worker; started: number; ready: boolean }>();
  private stopping = false;
  private restarts = 0;

  constructor(private readonly opts: WorkerPoolOptions) {
    if (opts.exec) cluster.setupPrimary({ exec: opts.exec, args: opts.args ?? [] });
  }

  /** Workers whose doors are open. */
  get ready(): number {
    let n = 0;
    for (const w of this.workers.values()) if (w.ready) n++;
    return n;
  }

  /** Workers replaced after an unexpected exit, since the start. */
  get replaced(): number {
    return this.restarts;
  }

  ids(): number[] {
    return [...this.workers.keys()];
  }

  /** Forks every worker; resolves with the ports once all are ready, rejects if one exits first. */
  start(): Promise<ReadyMessage['ports']> {
    return new Promise((resolve, reject) => {
      let waiting = this.opts.count;
      let failed = false;
      for (let i = 0; i < this.opts.count; i++) {
        this.fork((ports, err) => {
          if (failed) return;
          if (err) {
            failed = true;
            void this.stop().then(() => reject(err));
            return;
          }
          if (--waiting === 0) resolve(ports!);
        });
      }
    });
  }

  send(worker: number, msg: unknown): void {
    const w = this.workers.get(worker)?.worker;
    if (w?.isConnected()) w.send(msg as object, undefined, () => undefined);
  }

  /** SIGTERM to every worker (each closes its doors and exits); SIGKILL to any still there after the timeout. */
  async stop(): Promise<void> {
    this.stopping = true;
    const exits = [...this.workers.values()].map(({ worker }) => {
      if (worker.isDead()) return Promise.resolve();
      const gone = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.process.kill('SIGTERM');
      const timer = setTimeout(() => worker.process.kill('SIGKILL'), this.opts.stopTimeoutMs ?? 10_000);
      return gone.finally(() => clearTimeout(timer));
    });
    await Promise.all(exits);
  }

  private fork(onFirstReady?: (ports: ReadyMessage['ports'] | undefined, err?: Error) => void): void {
    const worker = cluster.fork();
    const entry = { worker, started: Date.now(), ready: false };
    this.workers.set(worker.id, entry);
    this.opts.log.info({ worker: worker.id, pid: worker.process.pid }, 'worker process started');
    worker.on('message', (msg: unknown) => {
      if (isReady(msg)) {
        entry.ready = true;
        onFirstReady?.(msg.ports);
        onFirstReady = undefined;
        return;
      }
      this.opts.onMessage(worker.id, msg);
    });
    worker.once('exit', (code, signal) => {
      this.workers.delete(worker.id);
      this.opts.onExit(worker.id);
      if (onFirstReady) {
        onFirstReady(undefined, new Error(`a worker process exited before its doors were open (${signal ?? `code ${code}`})`));
        return;
      }
      if (this.stopping) return;
      this.opts.log.error({ worker: worker.id, code, signal }, 'worker process exited; starting a replacement');
      this.restarts++;
      const early = Date.now() - entry.started < EARLY_DEATH_MS;
      setTimeout(() => {
        if (!this.stopping) this.fork();
      }, early ? RESTART_BACKOFF_MS : 100).unref();
    });
  }
}

function isReady(msg: unknown): msg is ReadyMessage {
  return typeof msg === 'object' && msg !== null && (msg as { t?: unknown }).t === 'ready';
}
