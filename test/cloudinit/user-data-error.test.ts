import { describe, expect, it } from 'vitest';
import { userDataError } from '../../src/cloudinit/user-data-error.js';

describe('userDataError', () => {
  it('keeps only the first line, so the CLI prints exactly one', () => {
    const e = userDataError('bad thing\n  at line 3\n^', 'u.yaml');
    expect(e.message).toBe('bad thing');
    expect(e.code).toBe('AGC_ERR_USERDATA');
    expect(e.status).toBe(400);
    expect(e.subject).toBe('u.yaml');
  });
});
