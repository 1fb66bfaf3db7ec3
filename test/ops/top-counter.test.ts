import { describe, expect, it } from 'vitest';
import { TopCounter } from '../../src/ops/top-counter.js';

describe('TopCounter', () => {
  it('counts requests and bytes per key, most requested first, ties by recency', () => {
    const c = new TopCounter<string>(10);
    c.add('a', 10, 'A', 1);
    c.add('b', 5, 'B', 2);
    c.add('b', 5, 'B', 3);
    c.add('c', 1, 'C', 4);
    expect(c.top(3).map((e) => [e.key, e.count, e.bytes, e.info])).toEqual([
      ['b', 2, 10, 'B'],
      ['c', 1, 1, 'C'],
      ['a', 1, 10, 'A'],
    ]);
    expect(c.top(1)).toHaveLength(1);
  });

  it('stays bounded however many distinct keys arrive, and keeps the heavy hitters', () => {
    const c = new TopCounter<null>(100);
    for (let i = 0; i < 50; i++) c.add('hot', 0, null);
    for (let i = 0; i < 100_000; i++) c.add(`cold-${i}`, 0, null);
    expect(c.size).toBeLessThanOrEqual(200);
    expect(c.top(1)[0]).toMatchObject({ key: 'hot', count: 50 });
  });
});
