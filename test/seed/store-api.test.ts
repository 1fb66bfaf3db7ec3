import { describe, expect, it } from 'vitest';
import type { ApiCall, ApiResponse } from '../../src/upstream/api-call.js';
import { errorListText, isObject, jsonAnswer, StoreApiClient } from '../../src/seed/store-api.js';

const answer = (status: number, body: string): ApiResponse => ({ status, headers: {}, body: Buffer.from(body) });

class Probe extends StoreApiClient {
  get(url: string): Promise<ApiResponse> {
    return this.call({ method: 'GET', url, headers: {} } as ApiCall);
  }
}

describe('store API answers', () => {
  it('parses JSON; a 200 that is not JSON names who sent it; an error answer that is not JSON is nothing', () => {
    expect(jsonAnswer(answer(200, '{"a":1}'), 'https://x/y', 'Charmhub')).toEqual({ a: 1 });
    expect(() => jsonAnswer(answer(200, '<html>'), 'https://x/y', 'Charmhub')).toThrow("https://x/y: Charmhub's answer is not JSON");
    expect(jsonAnswer(answer(502, '<html>'), 'https://x/y', 'the store')).toBeUndefined();
  });

  it('tells the first message of an error-list, or nothing', () => {
    expect(errorListText({ 'error-list': [{ code: 'c', message: 'first' }, { message: 'second' }] })).toBe(': first');
    expect(errorListText({ 'error-list': [] })).toBe('');
    expect(errorListText({ 'error-list': [{ message: 3 }] })).toBe('');
    expect(errorListText(undefined)).toBe('');
    expect(isObject([])).toBe(false);
    expect(isObject(null)).toBe(false);
    expect(isObject({})).toBe(true);
  });

  it('a client tries a 5xx again, as many times as it is told', async () => {
    let calls = 0;
    const probe = new Probe(async () => (++calls < 3 ? answer(503, '') : answer(200, '{}')), 'https://api.example', 3, 1);
    expect((await probe.get('https://api.example/v2')).status).toBe(200);
    expect(calls).toBe(3);
    expect(probe.base).toBe('https://api.example');
  });
});
