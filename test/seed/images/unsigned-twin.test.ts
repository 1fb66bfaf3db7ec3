import { describe, expect, it } from 'vitest';
import { twinMatches, twinPath } from '../../../src/seed/images/unsigned-twin.js';

describe('unsigned twins', () => {
  it('names the .json beside a .sjson', () => {
    expect(twinPath('streams/v1/com.ubuntu.maas:stable:v3:download.sjson')).toBe('streams/v1/com.ubuntu.maas:stable:v3:download.json');
  });

  it('a products .json matches when it is the same JSON, however formatted', () => {
    expect(twinMatches(Buffer.from('{"b": 1, "a": {"x": [1, 2]}}\n'), '{\n "a": {"x": [1,2]},\n "b": 1\n}', false)).toBe(true);
    expect(twinMatches(Buffer.from('{"b": 2, "a": {"x": [1, 2]}}'), '{"a": {"x": [1,2]}, "b": 1}', false)).toBe(false);
    expect(twinMatches(Buffer.from('{"a": {"x": [2, 1]}}'), '{"a": {"x": [1,2]}}', false)).toBe(false);
    expect(twinMatches(Buffer.from('not json'), '{}', false)).toBe(false);
  });

  it('index.json names .json products where the signed index names .sjson', () => {
    const signed = JSON.stringify({ format: 'index:1.0', index: { c: { path: 'streams/v1/c.sjson', format: 'products:1.0' } } });
    expect(twinMatches(Buffer.from(JSON.stringify({ format: 'index:1.0', index: { c: { path: 'streams/v1/c.json', format: 'products:1.0' } } })), signed, true)).toBe(true);
    expect(twinMatches(Buffer.from(JSON.stringify({ format: 'index:1.0', index: { c: { path: 'streams/v1/other.json', format: 'products:1.0' } } })), signed, true)).toBe(false);
    expect(twinMatches(Buffer.from(JSON.stringify({ format: 'index:1.0', index: { c: { path: 'streams/v1/c.json', format: 'products:1.0' } } })), signed, false)).toBe(false);
  });
});
