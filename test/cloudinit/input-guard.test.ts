import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkInput, decodeText, isGzip, MAX_EXPANDED_BYTES, MAX_INPUT_BYTES } from '../../src/cloudinit/input-guard.js';

describe('checkInput', () => {
  it('passes text through untouched', () => {
    const r = checkInput(Buffer.from('#cloud-config\nhostname: é\n'));
    expect(r).toMatchObject({ text: '#cloud-config\nhostname: é\n', gzipped: false });
    expect(r.bytes.equals(r.raw)).toBe(true);
  });

  it('unpacks gzip and keeps the compressed bytes', () => {
    const raw = gzipSync('#!/bin/sh\necho hi\n');
    const r = checkInput(raw, 'u.gz');
    expect(r).toMatchObject({ text: '#!/bin/sh\necho hi\n', gzipped: true });
    expect(r.raw).toBe(raw);
    expect(isGzip(raw)).toBe(true);
  });

  it('refuses a 10 MB file with a one-line reason', () => {
    expect(() => checkInput(Buffer.alloc(10 * 1024 * 1024, 0x61), 'big.yaml')).toThrow(/^big\.yaml is larger than 1\.0 MiB; user-data that large is refused/);
    expect(() => checkInput(Buffer.alloc(MAX_INPUT_BYTES, 0x61))).not.toThrow();
  });

  it('refuses a gzip bomb and broken gzip', () => {
    expect(() => checkInput(gzipSync(Buffer.alloc(MAX_EXPANDED_BYTES + 1, 0x61)), 'bomb.gz')).toThrow(/expands to more than 4\.0 MiB/);
    expect(() => checkInput(Buffer.from([0x1f, 0x8b, 1, 2, 3]), 'x.gz')).toThrow(/starts like gzip but does not decompress/);
  });

  it('refuses binary input: invalid UTF-8 or control bytes', () => {
    expect(() => decodeText(Buffer.from([0xff, 0xfe, 0x00, 0x41]), 'b')).toThrow(/^b is binary, not UTF-8 text/);
    expect(() => decodeText(Buffer.from('#cloud-config\n\u0000\u0001'), 'b')).toThrow(/^b is binary: it contains control bytes/);
    expect(() => checkInput(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), 'elf')).toThrow(/binary/);
  });

  it('every message is one line and carries the user-data error code', () => {
    try {
      checkInput(Buffer.from([0x00, 0xc3]), 'x');
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).not.toContain('\n');
      expect((err as { code: string }).code).toBe('AGC_ERR_USERDATA');
    }
  });
});
