import { describe, expect, it } from 'vitest';
import { AgcError } from '../../src/errors.js';
import { errorReply } from '../../src/http/send.js';

describe('errorReply', () => {
  it('shows the message of a client error with its code', () => {
    const r = errorReply(new AgcError('AGC_ERR_BAD_PATH', 'dot segment in path: "/.."'));
    expect(r.status).toBe(400);
    expect(r.headers?.['x-airgap-cache-error']).toBe('AGC_ERR_BAD_PATH');
    expect(r.body).toContain('dot segment');
  });
  it('hides the message of a 5xx and of anything unexpected', () => {
    const r = errorReply(new AgcError('AGC_ERR_STORE', 'cannot write /var/lib/secret/path'));
    expect(r.status).toBe(500);
    expect(r.body).not.toContain('/var/lib');
    const u = errorReply(new TypeError('x is undefined'));
    expect([u.status, u.headers?.['x-airgap-cache-error'], u.body]).toEqual([500, 'AGC_ERR_INTERNAL', 'Internal Server Error\n']);
    expect(errorReply(new AgcError('AGC_ERR_UPSTREAM_TIMEOUT', 'slow')).body).toBe('Gateway Timeout\n');
  });
});
