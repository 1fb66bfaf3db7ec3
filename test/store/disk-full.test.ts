import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diskFullMessage, freeBytes, isDiskFull } from '../../src/store/disk-full.js';

describe('disk full', () => {
  it('knows ENOSPC and EDQUOT, nothing else', () => {
    const err = (code: string) => Object.assign(new Error(code), { code });
    expect(isDiskFull(err('ENOSPC'))).toBe(true);
    expect(isDiskFull(err('EDQUOT'))).toBe(true);
    expect(isDiskFull(err('EACCES'))).toBe(false);
    expect(isDiskFull(undefined)).toBe(false);
  });

  it('names the directory, the bytes needed and the bytes free', () => {
    const dir = mkdtempSync(join(tmpdir(), 'agc-df-'));
    try {
      expect(diskFullMessage(dir, 16_777_216, 4096)).toMatch(new RegExp(`^disk full in ${dir}: needs 16777216 bytes, \\d+ free$`));
      expect(diskFullMessage(dir, undefined, 4096)).toMatch(/needs more than 4096 bytes, \d+ free$/);
      expect(diskFullMessage(dir, undefined, 0)).toMatch(/needs more space, \d+ free$/);
      expect(diskFullMessage(join(dir, 'gone'), 10, 0)).toBe(`disk full in ${join(dir, 'gone')}: needs 10 bytes`);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('tells the free bytes of a directory, or nothing when it cannot', () => {
    expect(freeBytes(tmpdir())).toBeGreaterThan(0);
    expect(freeBytes('/nonexistent/dir')).toBeUndefined();
  });
});
