import { describe, expect, it } from 'vitest';
import { Cached } from '../../src/ops/cached.js';

describe('Cached', () => {
  it('computes once for concurrent readers and reuses the value until it is too old', async () => {
    let now = 0;
    let runs = 0;
    const c = new Cached(async () => ++runs, 100, 1000, () => now);
    expect(await Promise.all([c.get(), c.get()])).toEqual([1, 1]);
    now = 999;
    expect(await c.get()).toBe(1);
    now = 1000;
    expect(await c.get()).toBe(2);
  });

  it('after invalidate() recomputes, but not sooner than the minimum age', async () => {
    let now = 0;
    let runs = 0;
    const c = new Cached(async () => ++runs, 100, 10_000, () => now);
    await c.get();
    c.invalidate();
    now = 50;
    expect(await c.get()).toBe(1);
    now = 100;
    expect(await c.get()).toBe(2);
    now = 300;
    expect(await c.get()).toBe(2);
  });

  it('does not keep a failure', async () => {
    let fail = true;
    const c = new Cached(async () => {
      if (fail) throw new Error('boom');
      return 'ok';
    }, 100, 1000);
    await expect(c.get()).rejects.toThrow('boom');
    fail = false;
    expect(await c.get()).toBe('ok');
  });
});
