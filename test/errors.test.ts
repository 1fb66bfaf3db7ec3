import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AgcError, errorCodes, isAgcError } from '../src/errors.js';

describe('error codes', () => {
  it('docs/errors.md lists exactly the codes in src/errors.ts, with the same status', () => {
    const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
    const rows = [...doc.matchAll(/^\| `(AGC_ERR_[A-Z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]);
    const code = Object.entries(errorCodes).map(([k, v]) => [k, v.status]);
    expect(rows.sort()).toEqual(code.sort());
  });

  it('an AgcError carries its status, subject and cause', () => {
    const cause = new Error('disk');
    const e = new AgcError('AGC_ERR_STORE', 'cannot write', { subject: '/x', cause });
    expect(e.status).toBe(500);
    expect(e.subject).toBe('/x');
    expect(e.cause).toBe(cause);
    expect(isAgcError(e, 'AGC_ERR_STORE')).toBe(true);
    expect(isAgcError(e, 'AGC_ERR_NOT_FOUND')).toBe(false);
  });
});
