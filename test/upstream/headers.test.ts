import { describe, expect, it } from 'vitest';
import { contentRange, dateHeader, header, numberHeader } from '../../src/upstream/headers.js';

describe('response headers', () => {
  it('reads the first of repeated values, numbers and dates', () => {
    const h = { a: ['1', '2'], n: '42', bad: '4x', d: 'Tue, 03 Jun 2025 10:00:00 GMT', nd: 'yesterday' };
    expect(header(h, 'a')).toBe('1');
    expect(numberHeader(h, 'n')).toBe(42);
    expect(numberHeader(h, 'bad')).toBeUndefined();
    expect(dateHeader(h, 'd')).toBe(Date.parse('2025-06-03T10:00:00Z'));
    expect(dateHeader(h, 'nd')).toBeUndefined();
    expect(header(h, 'missing')).toBeUndefined();
  });

  it('parses Content-Range, with an unknown total too', () => {
    expect(contentRange({ 'content-range': 'bytes 100-199/1000' })).toEqual({ start: 100, end: 199, total: 1000 });
    expect(contentRange({ 'content-range': 'bytes 0-9/*' })).toEqual({ start: 0, end: 9, total: undefined });
    expect(contentRange({ 'content-range': 'bytes */1000' })).toBeUndefined();
    expect(contentRange({})).toBeUndefined();
  });
});
