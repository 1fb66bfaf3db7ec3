import { describe, expect, it } from 'vitest';
import { notModified, rangeApplies } from '../../src/http/conditional.js';

const etag = '"abc"';
const lm = Date.UTC(2024, 0, 2, 3, 4, 5, 678);

describe('validators', () => {
  it('If-None-Match matches strong, weak and *, and wins over If-Modified-Since', () => {
    expect(notModified({ 'if-none-match': '"abc"' }, etag, lm)).toBe(true);
    expect(notModified({ 'if-none-match': 'W/"abc"' }, etag, lm)).toBe(true);
    expect(notModified({ 'if-none-match': '"x", "abc"' }, etag, lm)).toBe(true);
    expect(notModified({ 'if-none-match': '*' }, etag, lm)).toBe(true);
    expect(notModified({ 'if-none-match': '"x"', 'if-modified-since': new Date(lm).toUTCString() }, etag, lm)).toBe(false);
  });

  it('If-Modified-Since compares at one-second resolution and ignores garbage', () => {
    expect(notModified({ 'if-modified-since': new Date(lm).toUTCString() }, etag, lm)).toBe(true);
    expect(notModified({ 'if-modified-since': new Date(lm - 1000).toUTCString() }, etag, lm)).toBe(false);
    expect(notModified({ 'if-modified-since': 'yesterday' }, etag, lm)).toBe(false);
    expect(notModified({}, etag, lm)).toBe(false);
  });

  it('If-Range needs the exact strong etag or the exact date', () => {
    expect(rangeApplies({}, etag, lm)).toBe(true);
    expect(rangeApplies({ 'if-range': '"abc"' }, etag, lm)).toBe(true);
    expect(rangeApplies({ 'if-range': 'W/"abc"' }, etag, lm)).toBe(false);
    expect(rangeApplies({ 'if-range': new Date(lm).toUTCString() }, etag, lm)).toBe(true);
    expect(rangeApplies({ 'if-range': new Date(lm + 5000).toUTCString() }, etag, lm)).toBe(false);
  });
});
