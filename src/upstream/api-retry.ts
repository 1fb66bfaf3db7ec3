// A caller that tries again, as the stores' own clients do: a 5xx answer or a broken connection or
// timeout is retried after a growing pause, up to `attempts` in all; other failures are final.
import { isAgcError } from '../errors.js';
import type { ApiCaller } from './api-call.js';

export function withRetries(api: ApiCaller, attempts = 3, delayMs = 500): ApiCaller {
  return async (call) => {
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await api(call);
        if (res.status < 500 || attempt >= attempts) return res;
      } catch (err) {
        if (attempt >= attempts || !(isAgcError(err, 'AGC_ERR_UPSTREAM') || isAgcError(err, 'AGC_ERR_UPSTREAM_TIMEOUT'))) throw err;
      }
      await new Promise((r) => setTimeout(r, delayMs * attempt));
    }
  };
}
