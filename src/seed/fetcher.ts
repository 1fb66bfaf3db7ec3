// The seed's fetch queue: a URL already completed in the work directory is not fetched again,
// at most `concurrency` downloads run at once, the same URL asked twice is fetched once, and a
// broken transfer is retried (resuming) a few times before the seed gives up on it.
import { AgcError, isAgcError } from '../errors.js';
import type { Logger } from '../log.js';
import { isDiskFull } from '../store/disk-full.js';
import type { BundleObject } from './bundle/format.js';
import { download, type DownloadContext } from './download.js';
import type { Fetched, FetchSpec } from './sections/section.js';
import type { Completed } from './work-dir.js';

export interface FetcherOptions extends DownloadContext {
  concurrency: number;
  /** Further attempts after a transfer breaks or times out. */
  retries: number;
  /** Wait before attempt n+1 is retryDelayMs * 2^n. */
  retryDelayMs: number;
  log: Logger;
}

export interface FetchStats {
  fetched: number;
  reused: number;
  bytes: number;
}

export class Fetcher {
  readonly stats: FetchStats = { fetched: 0, reused: 0, bytes: 0 };
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly inFlight = new Map<string, Promise<Completed>>();

  constructor(private readonly opts: FetcherOptions) {}

  async fetch(spec: FetchSpec): Promise<Fetched> {
    let p = this.inFlight.get(spec.url);
    if (!p) {
      this.opts.progress?.expectItems(1);
      p = this.obtain(spec);
      this.inFlight.set(spec.url, p);
    }
    const c = await p;
    return { object: toObject(spec, c), file: this.opts.work.blobFile(c.sha256) };
  }

  private async obtain(spec: FetchSpec): Promise<Completed> {
    const { work, progress, log } = this.opts;
    const done = await work.done(spec.url);
    if (done && matches(spec, done)) {
      this.stats.reused += 1;
      progress?.startItem(spec.url, spec.url, done.size);
      progress?.credit(done.size, spec.url);
      progress?.itemDone(spec.url);
      log.debug({ url: spec.url }, 'already fetched by an earlier run');
      return done;
    }
    if (done) await work.forget(spec.url);
    await this.slot();
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          const c = await download(spec, this.opts);
          this.stats.fetched += 1;
          this.stats.bytes += c.size;
          progress?.itemDone(spec.url);
          log.info({ url: spec.url, bytes: c.size, sha256: c.sha256 }, 'fetched');
          return c;
        } catch (err) {
          progress?.itemDropped(spec.url);
          if (!retryable(err) || attempt >= this.opts.retries) throw err;
          const wait = this.opts.retryDelayMs * 2 ** attempt;
          log.warn({ url: spec.url, err: (err as Error).message, attempt: attempt + 1, waitMs: wait }, 'transfer failed; retrying');
          await new Promise((r) => setTimeout(r, wait));
        }
      }
    } finally {
      this.release();
    }
  }

  private async slot(): Promise<void> {
    if (this.running < this.opts.concurrency) {
      this.running += 1;
      return;
    }
    await new Promise<void>((r) => this.waiting.push(r));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }
}

function retryable(err: unknown): boolean {
  if (isDiskFull(err)) return false;
  return err instanceof AgcError ? err.code === 'AGC_ERR_UPSTREAM' || err.code === 'AGC_ERR_UPSTREAM_TIMEOUT' : !isAgcError(err);
}

/** A completed download still answers the spec when the manifest's published digests agree. */
function matches(spec: FetchSpec, c: Completed): boolean {
  if (spec.expectedSize !== undefined && spec.expectedSize !== c.size) return false;
  if (spec.expectedSha256 !== undefined && spec.expectedSha256 !== c.sha256) return false;
  return Object.entries(spec.expectedDigests ?? {}).every(([alg, want]) => c.digests[alg] === want.toLowerCase());
}

function toObject(spec: FetchSpec, c: Completed): BundleObject {
  return {
    ns: spec.ns,
    path: spec.path,
    sha256: c.sha256,
    size: c.size,
    contentType: c.contentType,
    lastModified: c.lastModified,
    fetchedAt: c.fetchedAt,
    digests: c.digests,
    url: spec.url,
  };
}
