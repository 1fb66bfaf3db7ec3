import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLOCK, decodeHeader, encodeHeader, encodePax, padding, parsePax } from '../../../src/seed/bundle/ustar.js';
import { tempDir } from '../../helpers/tmp.js';

describe('ustar headers', () => {
  it('round-trips name, size and mtime and carries a valid checksum', () => {
    const h = encodeHeader({ name: 'blobs/sha256/ab/' + 'ab'.repeat(32), size: 12345, mtime: 1_700_000_000 });
    expect(h.length).toBe(BLOCK);
    expect(decodeHeader(h)).toMatchObject({ name: 'blobs/sha256/ab/' + 'ab'.repeat(32), size: 12345, mtime: 1_700_000_000, type: 'file' });
  });

  it('refuses a header whose checksum does not match (one flipped byte)', () => {
    const h = encodeHeader({ name: 'x', size: 1, mtime: 0 });
    h[0] = 'y'.charCodeAt(0);
    expect(() => decodeHeader(h)).toThrow(/checksum/);
  });

  it('reads an all-zero block as the end of the archive', () => {
    expect(decodeHeader(Buffer.alloc(BLOCK))).toBe('end');
  });

  it('encodes sizes beyond 8 GiB in base-256 and decodes them', () => {
    const big = 9 * 1024 ** 3 + 7;
    expect(decodeHeader(encodeHeader({ name: 'big', size: big, mtime: 0 }))).toMatchObject({ size: big });
  });

  it('pax records round-trip, including the length prefix that counts itself', () => {
    const entry = encodePax({ path: 'a/'.repeat(80) + 'ü', size: '123' }, 0);
    const h = decodeHeader(entry.subarray(0, BLOCK));
    expect(h).toMatchObject({ type: 'pax' });
    const body = entry.subarray(BLOCK, BLOCK + (h as { size: number }).size);
    expect(parsePax(body)).toEqual({ path: 'a/'.repeat(80) + 'ü', size: '123' });
    expect(() => parsePax(Buffer.from('99 path=x\n'))).toThrow(/malformed/);
  });

  it('GNU tar lists a hand-made archive', () => {
    const dir = tempDir();
    const body = Buffer.from('hello');
    const file = join(dir, 't.tar');
    writeFileSync(file, Buffer.concat([encodeHeader({ name: 'dir/hello.txt', size: body.length, mtime: 0 }), body, Buffer.alloc(padding(body.length)), Buffer.alloc(2 * BLOCK)]));
    expect(execFileSync('tar', ['tf', file], { encoding: 'utf8' })).toBe('dir/hello.txt\n');
    expect(execFileSync('tar', ['xOf', file, 'dir/hello.txt'], { encoding: 'utf8' })).toBe('hello');
  });
});
