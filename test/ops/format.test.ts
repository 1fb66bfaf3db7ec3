import { describe, expect, it } from 'vitest';
import { ago, bytes, count, daysLeft, duration, percent, when } from '../../src/ops/format.js';

describe('status page formats', () => {
  it('writes dates in UTC and durations in the two largest units', () => {
    expect(when(Date.UTC(2024, 3, 25, 7, 5, 9))).toBe('2024-04-25 07:05 UTC');
    expect(when(undefined)).toBe('–');
    expect([duration(42_000), duration(125_000), duration(3 * 3600_000 + 60_000), duration(2 * 86_400_000 + 7200_000)]).toEqual(['42 s', '2 min', '3 h 1 min', '2 d 2 h']);
    expect([ago(1000, 30_000), ago(0, 3600_000), ago(undefined, 0)]).toEqual(['just now', '1 h 0 min ago', '–']);
  });

  it('writes ratios, counts, sizes and days left', () => {
    expect([percent(undefined), percent(0), percent(1), percent(0.9234), percent(0.75), percent(0.99996)]).toEqual(['–', '0 %', '100 %', '92.3 %', '75 %', '99.9 %']);
    expect([count(0), count(1234), count(1234567)]).toEqual(['0', '1,234', '1,234,567']);
    expect(bytes(1536)).toBe('1.50 KiB');
    expect(daysLeft(new Date(10 * 86_400_000 + 5), 0)).toBe(10);
    expect(daysLeft(0, 86_400_000)).toBe(-1);
  });
});
