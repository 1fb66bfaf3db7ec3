// A token bucket per client address for forwarded queries, so an allowed client (or a spoofed
// one) cannot turn the appliance into a flood towards the site's resolvers. Intercepted names are
// answered locally and are not limited. Memory stays bounded: idle buckets (full again) are
// forgotten, and past `maxClients` the longest-untouched bucket goes first.

export interface RateLimitOptions {
  /** Tokens added per second; 0 disables the limit. */
  perSecond: number;
  /** Bucket size: queries a quiet client may send at once. */
  burst: number;
  /** Buckets kept at most (default 65 536). */
  maxClients?: number;
  /** Milliseconds, monotonic; injectable for tests. */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class ForwardRateLimit {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxClients: number;
  private readonly now: () => number;
  private lastSweep = 0;

  constructor(private readonly opts: RateLimitOptions) {
    this.maxClients = opts.maxClients ?? 65_536;
    this.now = opts.now ?? (() => performance.now());
  }

  get enabled(): boolean {
    return this.opts.perSecond > 0;
  }

  /** Takes one token for `client`; false when its bucket is empty (the query is to be refused). */
  take(client: string): boolean {
    if (!this.enabled) return true;
    const now = this.now();
    let b = this.buckets.get(client);
    if (b) {
      this.buckets.delete(client); // re-inserted below: Map order is then least recently used first
      b.tokens = Math.min(this.opts.burst, b.tokens + ((now - b.at) / 1000) * this.opts.perSecond);
      b.at = now;
    } else {
      if (this.buckets.size >= this.maxClients) this.makeRoom(now);
      b = { tokens: this.opts.burst, at: now };
    }
    this.buckets.set(client, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Buckets held now (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  private makeRoom(now: number): void {
    // A full sweep at most once a second; between sweeps, evict the least recently used.
    if (now - this.lastSweep >= 1000) {
      this.lastSweep = now;
      const refill = this.opts.burst / this.opts.perSecond;
      for (const [client, b] of this.buckets) {
        if ((now - b.at) / 1000 >= refill) this.buckets.delete(client);
      }
    }
    if (this.buckets.size >= this.maxClients) {
      const oldest = this.buckets.keys().next();
      if (!oldest.done) this.buckets.delete(oldest.value);
    }
  }
}
