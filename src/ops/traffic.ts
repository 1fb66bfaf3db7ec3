// Requests and bytes per host group and cache result since the process started, for the status
// page. The hit ratio counts only requests for objects (hit, fill, miss, offline-miss): refusals and
// composed replies say nothing about how well the cache is seeded.
import type { CacheResult } from '../http/request-handler.js';

export interface GroupTraffic {
  group: string;
  requests: number;
  bytes: number;
  /** Requests per cache result. */
  by: Record<CacheResult, number>;
}

const objectResults: readonly CacheResult[] = ['hit', 'fill', 'miss', 'offline-miss'];

export class Traffic {
  readonly since = Date.now();
  private readonly groups = new Map<string, GroupTraffic>();

  add(group: string | undefined, cache: CacheResult, bytes: number): void {
    const name = group ?? '(refused)';
    let g = this.groups.get(name);
    if (!g) {
      g = { group: name, requests: 0, bytes: 0, by: { hit: 0, miss: 0, fill: 0, 'offline-miss': 0, refused: 0, none: 0 } };
      this.groups.set(name, g);
    }
    g.requests++;
    g.bytes += bytes;
    g.by[cache]++;
  }

  /** Per group, busiest first. */
  list(): GroupTraffic[] {
    return [...this.groups.values()].sort((a, b) => b.requests - a.requests);
  }

  totals(): GroupTraffic {
    const t: GroupTraffic = { group: 'all', requests: 0, bytes: 0, by: { hit: 0, miss: 0, fill: 0, 'offline-miss': 0, refused: 0, none: 0 } };
    for (const g of this.groups.values()) {
      t.requests += g.requests;
      t.bytes += g.bytes;
      for (const k of Object.keys(t.by) as CacheResult[]) t.by[k] += g.by[k];
    }
    return t;
  }
}

/** Hits over requests for objects; undefined before the first such request. */
export function hitRatio(g: GroupTraffic): number | undefined {
  const objects = objectResults.reduce((n, k) => n + g.by[k], 0);
  return objects === 0 ? undefined : g.by.hit / objects;
}
