import { describe, expect, it } from 'vitest';
import { errorList, jsonReply, notFoundReply } from '../../../src/sites/snap/json-reply.js';

describe('store-shaped replies', () => {
  it('JSON with an exact content type, and the v2 error list', () => {
    expect(jsonReply(200, { a: 1 })).toEqual({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(jsonReply(200, {}, 'application/hal+json').headers).toEqual({ 'content-type': 'application/hal+json' });
    expect(JSON.parse(errorList(400, 'invalid-request', 'bad', { type: 'x' }).body as string)).toEqual({ 'error-list': [{ code: 'invalid-request', message: 'bad', type: 'x' }] });
    const nf = notFoundReply('/x');
    expect(nf.status).toBe(404);
    expect(JSON.parse(nf.body as string)['error-list'][0].code).toBe('not-found');
  });
});
