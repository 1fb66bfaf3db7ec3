import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isAlive } from '../../src/store/process-alive.js';

describe('isAlive', () => {
  it('is true for this process and pid 1, false for a process that has exited', () => {
    expect(isAlive(process.pid)).toBe(true);
    expect(isAlive(1)).toBe(true);
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    expect(isAlive(gone)).toBe(false);
  });
});
