import { describe, expect, it } from 'vitest';
import { frame, FrameReader } from '../../src/dns/tcp-frames.js';

describe('tcp frames', () => {
  it('frames a message with its two-byte length', () => {
    expect(frame(Buffer.from('abc'))).toEqual(Buffer.from([0, 3, 0x61, 0x62, 0x63]));
  });

  it('splits a stream however it is chunked, byte by byte included', () => {
    const msgs = [Buffer.from('first'), Buffer.alloc(0), Buffer.alloc(70_000 - 4534, 7), Buffer.from('last')];
    const stream = Buffer.concat(msgs.map(frame));
    for (const size of [1, 2, 3, 1000, stream.length]) {
      const reader = new FrameReader();
      const out: Buffer[] = [];
      for (let i = 0; i < stream.length; i += size) out.push(...reader.push(stream.subarray(i, i + size)));
      expect(out).toEqual(msgs);
      expect(reader.buffered).toBe(0);
    }
  });

  it('holds an incomplete message', () => {
    const reader = new FrameReader();
    expect(reader.push(Buffer.from([0, 5, 1, 2]))).toEqual([]);
    expect(reader.buffered).toBe(4);
    expect(reader.push(Buffer.from([3, 4, 5, 0]))).toEqual([Buffer.from([1, 2, 3, 4, 5])]);
    expect(reader.buffered).toBe(1);
  });
});
