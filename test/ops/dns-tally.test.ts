import { describe, expect, it } from 'vitest';
import { DnsTally } from '../../src/ops/dns-tally.js';

describe('DnsTally', () => {
  it('counts by answer, and ranks the names answered and the names refused', () => {
    const t = new DnsTally(10);
    t.add({ name: 'archive.ubuntu.com', type: 'A', answer: 'answer', own: true });
    t.add({ name: 'archive.ubuntu.com', type: 'AAAA', answer: 'nodata', own: true });
    t.add({ name: 'images.maas.io', type: 'A', answer: 'answer', own: true });
    t.add({ name: 'example.com', type: 'A', answer: 'forwarded', own: false });
    t.add({ name: 'esm.ubuntu.com', type: 'A', answer: 'refused', own: false });
    t.add({ name: '', type: 'none', answer: 'dropped', own: false });
    expect(t.total).toBe(6);
    expect(Object.fromEntries(t.byAnswer)).toEqual({ answer: 2, nodata: 1, forwarded: 1, refused: 1, dropped: 1 });
    expect(t.refused.top(5).map((n) => n.key)).toEqual(['esm.ubuntu.com']);
    expect(t.names.top(5).map((n) => [n.key, n.count])).toEqual([
      ['archive.ubuntu.com', 2],
      ['images.maas.io', 1],
    ]);
  });
});
