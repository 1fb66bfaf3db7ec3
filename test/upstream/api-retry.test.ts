import { describe, expect, it } from 'vitest';
import { AgcError } from '../../src/errors.js';
import type { ApiCall, ApiResponse } from '../../src/upstream/api-call.js';
import { withRetries } from '../../src/upstream/api-retry.js';

const call: ApiCall = { method: 'GET', url: 'https://api.charmhub.io/v2/charms/info/x', headers: {} } as ApiCall;
const answer = (status: number): ApiResponse => ({ status, headers: {}, body: Buffer.from('{}') }) as ApiResponse;

function scripted(steps: (number | Error)[]): { api: (c: ApiCall) => Promise<ApiResponse>; calls: () => number } {
  let n = 0;
  return {
    api: () => {
      const step = steps[Math.min(n++, steps.length - 1)]!;
      return step instanceof Error ? Promise.reject(step) : Promise.resolve(answer(step));
    },
    calls: () => n,
  };
}

describe('withRetries', () => {
  it('tries a 5xx and a broken connection again, and returns the first good answer', async () => {
    const s = scripted([503, new AgcError('AGC_ERR_UPSTREAM', 'reset'), 200]);
    expect((await withRetries(s.api, 3, 1)(call)).status).toBe(200);
    expect(s.calls()).toBe(3);
  });

  it('gives the last 5xx back after the attempts, and does not retry a 4xx or other errors', async () => {
    const five = scripted([502]);
    expect((await withRetries(five.api, 3, 1)(call)).status).toBe(502);
    expect(five.calls()).toBe(3);
    const four = scripted([404]);
    expect((await withRetries(four.api, 3, 1)(call)).status).toBe(404);
    expect(four.calls()).toBe(1);
    const bad = scripted([new TypeError('a bug')]);
    await expect(withRetries(bad.api, 3, 1)(call)).rejects.toThrow('a bug');
    expect(bad.calls()).toBe(1);
  });
});
