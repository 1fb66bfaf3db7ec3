// What the seeder's Charmhub and snap store clients share: calls tried again on a 5xx or a broken
// connection, JSON answers, and the `error-list` both stores put in their error answers.
import { AgcError } from '../errors.js';
import type { ApiCall, ApiResponse } from '../upstream/api-call.js';
import { withRetries } from '../upstream/api-retry.js';

export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };
export type Api = (call: ApiCall) => Promise<ApiResponse>;

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export abstract class StoreApiClient {
  protected readonly call: Api;

  constructor(
    api: Api,
    readonly base: string,
    attempts = 3,
    retryDelayMs = 500,
  ) {
    this.call = withRetries(api, attempts, retryDelayMs);
  }
}

/** The answer's JSON; undefined for an error answer that is not JSON. A 200 that is not JSON is an error naming `who`. */
export function jsonAnswer(res: ApiResponse, url: string, who: string): Json | undefined {
  try {
    return JSON.parse(res.body.toString('utf8')) as Json;
  } catch {
    if (res.status === 200) throw new AgcError('AGC_ERR_SEED', `${url}: ${who}'s answer is not JSON`, { subject: url });
    return undefined;
  }
}

/** `: MESSAGE` of the first entry of an error answer's `error-list`, or nothing. */
export function errorListText(doc: Json | undefined): string {
  const list = isObject(doc) ? doc['error-list'] : undefined;
  const first = Array.isArray(list) && isObject(list[0]) ? list[0] : undefined;
  return first && typeof first.message === 'string' ? `: ${first.message}` : '';
}
