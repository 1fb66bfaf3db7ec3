import { describe, expect, it } from 'vitest';
import { Progress } from '../../src/seed/progress.js';

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('Progress', () => {
  it('with a fixed total: percent-able bytes, a rate over the recent window and an ETA', () => {
    const c = clock();
    const p = new Progress(c.now);
    p.begin({ phase: 'importing', totalBytes: 1000, totalItems: 2 });
    for (let i = 0; i < 4; i++) {
      c.advance(500);
      p.add(100);
    }
    const s = p.snapshot();
    expect(s).toMatchObject({ phase: 'importing', doneBytes: 400, totalBytes: 1000 });
    expect(s.rate).toBeCloseTo(200, 0);
    expect(s.etaSeconds).toBeCloseTo(3, 0);
  });

  it('the rate forgets bytes older than the window', () => {
    const c = clock();
    const p = new Progress(c.now);
    p.begin({ totalBytes: 10_000_000 });
    p.add(1);
    c.advance(300);
    p.add(5_000_000);
    for (let i = 0; i < 30; i++) {
      c.advance(300);
      p.add(10);
    }
    expect(p.snapshot().rate).toBeLessThan(100);
  });

  it('without a total: grows from the items started, once every item has started and has a size', () => {
    const c = clock();
    const p = new Progress(c.now);
    p.begin({ phase: 'fetching' });
    p.expectItems(2);
    p.startItem('a', 'http://x/a', 100);
    expect(p.snapshot().totalBytes).toBeUndefined();
    p.startItem('b', 'http://x/b', 300);
    c.advance(1000);
    p.add(50, 'a');
    expect(p.snapshot()).toMatchObject({ totalBytes: 400, doneBytes: 50, totalItems: 2 });
    p.credit(300, 'b');
    expect(p.snapshot().doneBytes).toBe(350);
    p.itemDone('b');
    expect(p.snapshot()).toMatchObject({ doneItems: 1, doneBytes: 350, totalBytes: 400 });
  });

  it('credited bytes (already there) count as done but not in the rate; a dropped item loses its bytes', () => {
    const c = clock();
    const p = new Progress(c.now);
    p.begin({});
    p.startItem('a', 'a', 1000);
    p.credit(900, 'a');
    c.advance(1000);
    p.add(10, 'a');
    c.advance(1000);
    p.add(10, 'a');
    expect(p.snapshot().rate).toBeLessThan(50);
    expect(p.snapshot().doneBytes).toBe(920);
    p.itemDropped('a');
    expect(p.snapshot().doneBytes).toBe(0);
  });

  it('announces phases and the end', () => {
    const p = new Progress();
    const events: string[] = [];
    p.on('phase', (name) => events.push(`phase ${name}`));
    p.on('done', () => events.push('done'));
    p.begin({ phase: 'one' });
    p.finish();
    expect(events).toEqual(['phase one', 'done']);
  });
});
