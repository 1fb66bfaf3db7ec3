import { describe, expect, it } from 'vitest';
import { compareVersions, satisfies } from '../../../src/sites/apt/version.js';

describe('Debian version ordering', () => {
  it.each([
    ['1.0', '1.0', 0],
    ['1.0', '1.1', -1],
    ['1.10', '1.9', 1],
    ['1.0~rc1', '1.0', -1],
    ['1.0~rc1', '1.0~rc2', -1],
    ['1.0~~', '1.0~', -1],
    ['1:0.9', '2.0', 1],
    ['2.0-1', '2.0-1ubuntu1', -1],
    ['2.0-1ubuntu1', '2.0-1ubuntu1.1', -1],
    ['2.0+dfsg-1', '2.0-1', 1],
    ['1.0a', '1.0+', -1],
    ['2.38-3ubuntu1', '2.38-3ubuntu1~22.04', 1],
    ['0', '0', 0],
  ])('%s vs %s', (a, b, want) => {
    expect(Math.sign(compareVersions(a, b))).toBe(want);
    expect(Math.sign(compareVersions(b, a))).toBe(-want || 0);
  });

  it('checks relations', () => {
    expect(satisfies('1.1', '>=', '1.0')).toBe(true);
    expect(satisfies('1.0', '>>', '1.0')).toBe(false);
    expect(satisfies('1.0', '<<', '1.0.1')).toBe(true);
    expect(satisfies('1:1.0', '=', '1:1.0')).toBe(true);
    expect(satisfies('1.0', '<=', '0.9')).toBe(false);
  });
});
