import { describe, expect, it } from 'vitest';
import { errorList, notFoundReply } from '../../../src/sites/charm/json-reply.js';

describe('charm JSON replies', () => {
  it('errors carry exactly application/json (Juju refuses a charset on 4xx) and an error-list', () => {
    const r = notFoundReply('/x');
    expect([r.status, r.headers]).toEqual([404, { 'content-type': 'application/json' }]);
    expect(JSON.parse(String(r.body))).toEqual({ 'error-list': [{ code: 'not-found', message: '/x is not in this cache' }] });
    expect(errorList(400, 'bad-argument', 'm').headers!['content-type']).toBe('application/json');
  });
});
