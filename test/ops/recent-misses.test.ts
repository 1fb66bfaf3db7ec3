import { describe, expect, it } from 'vitest';
import { RecentMisses, type MissSighting } from '../../src/ops/recent-misses.js';

const miss = (path: string, query = ''): MissSighting => ({
  url: `http://archive.ubuntu.com${path}`,
  group: 'ubuntu-archive',
  namespace: 'ubuntu-archive',
  site: 'apt',
  host: 'archive.ubuntu.com',
  path,
  query,
  cache: 'offline-miss',
  status: 404,
});

describe('RecentMisses', () => {
  it('keeps one entry per object, newest first, with how often and when', () => {
    const r = new RecentMisses(10);
    r.add(miss('/a'), 1000);
    r.add(miss('/b'), 2000);
    r.add(miss('/a'), 3000);
    r.add(miss('/a', 'q=1'), 4000);
    expect(r.list().map((m) => [m.path, m.query, m.count, m.first, m.last])).toEqual([
      ['/a', 'q=1', 1, 4000, 4000],
      ['/a', '', 2, 1000, 3000],
      ['/b', '', 1, 2000, 2000],
    ]);
  });

  it('forgets the least recently missed past its capacity', () => {
    const r = new RecentMisses(3);
    for (const p of ['/1', '/2', '/3', '/1', '/4']) r.add(miss(p));
    expect(r.size).toBe(3);
    expect(r.list().map((m) => m.path)).toEqual(['/4', '/1', '/3']);
  });
});
