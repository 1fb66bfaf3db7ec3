// Counts requests per key in bounded memory: at most 2 × capacity keys are held; past that the
// least requested half is dropped (a key that comes back starts again from zero). The heavy hitters
// an admin wants to see survive, and a client asking for a million distinct paths costs nothing.

export interface Counted<I> {
  key: string;
  count: number;
  bytes: number;
  /** What the first sighting said about the key (host, namespace, …). */
  info: I;
  last: number;
}

export class TopCounter<I> {
  private readonly entries = new Map<string, Counted<I>>();

  constructor(private readonly capacity: number) {}

  add(key: string, bytes: number, info: I, now = Date.now()): void {
    const e = this.entries.get(key);
    if (e) {
      e.count++;
      e.bytes += bytes;
      e.last = now;
      return;
    }
    this.entries.set(key, { key, count: 1, bytes, info, last: now });
    if (this.entries.size > 2 * this.capacity) this.prune();
  }

  /** The n most counted, most first (ties: the most recent first). */
  top(n: number): Counted<I>[] {
    return this.sorted().slice(0, n);
  }

  get size(): number {
    return this.entries.size;
  }

  private sorted(): Counted<I>[] {
    return [...this.entries.values()].sort((a, b) => b.count - a.count || b.last - a.last);
  }

  private prune(): void {
    const keep = this.sorted().slice(0, this.capacity);
    this.entries.clear();
    for (const e of keep) this.entries.set(e.key, e);
  }
}
