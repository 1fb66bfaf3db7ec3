import { describe, expect, it } from 'vitest';
import { hitRatio, Traffic } from '../../src/ops/traffic.js';

describe('Traffic', () => {
  it('tallies per group and in total; the hit ratio counts only object requests', () => {
    const t = new Traffic();
    t.add('apt', 'hit', 100);
    t.add('apt', 'hit', 100);
    t.add('apt', 'offline-miss', 10);
    t.add('apt', 'none', 5);
    t.add('images', 'fill', 1000);
    t.add(undefined, 'refused', 40);
    expect(t.list().map((g) => [g.group, g.requests, g.bytes])).toEqual([
      ['apt', 4, 215],
      ['images', 1, 1000],
      ['(refused)', 1, 40],
    ]);
    const all = t.totals();
    expect([all.requests, all.bytes, all.by.hit, all.by.refused]).toEqual([6, 1255, 2, 1]);
    expect(hitRatio(t.list()[0]!)).toBeCloseTo(2 / 3);
    expect(hitRatio(all)).toBeCloseTo(2 / 4);
    expect(hitRatio(t.list()[2]!)).toBeUndefined();
  });
});
