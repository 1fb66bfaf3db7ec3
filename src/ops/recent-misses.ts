// The misses an admin needs to know what to seed next: the most recently missed distinct objects,
// each with how often and when it was asked for. Bounded: the least recently missed fall out.

export interface Miss {
  /** The upstream URL a seed would fetch (the host group's upstream and the request path). */
  url: string;
  group: string;
  namespace: string;
  site: string;
  host: string;
  path: string;
  /** The raw query, '' when none (a URL with a query cannot go into a seed manifest). */
  query: string;
  /** offline-miss: offline, not stored; miss: online, upstream did not have it either. */
  cache: 'offline-miss' | 'miss';
  status: number;
  count: number;
  first: number;
  last: number;
}

export type MissSighting = Omit<Miss, 'count' | 'first' | 'last'>;

export class RecentMisses {
  // A Map iterates in insertion order, so deleting and re-inserting keeps the newest last.
  private readonly misses = new Map<string, Miss>();

  constructor(private readonly capacity: number) {}

  add(m: MissSighting, now = Date.now()): void {
    const key = `${m.namespace}\0${m.path}\0${m.query}`;
    const prior = this.misses.get(key);
    this.misses.delete(key);
    this.misses.set(key, { ...m, count: (prior?.count ?? 0) + 1, first: prior?.first ?? now, last: now });
    if (this.misses.size > this.capacity) this.misses.delete(this.misses.keys().next().value!);
  }

  /** Newest first. */
  list(): Miss[] {
    return [...this.misses.values()].reverse();
  }

  get size(): number {
    return this.misses.size;
  }
}
