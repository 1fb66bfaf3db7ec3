// One upstream API call (a store's JSON or assertion endpoints): any method, a small body, an answer
// read whole but bounded, and one deadline for all of it, so a client with a short timeout of its
// own (snapd: 10 s per API request, spec snap-store.md §2) gets a local answer in time instead.
import { request, type Dispatcher } from 'undici';
import { AgcError } from '../errors.js';
import { asUpstreamError } from './fill.js';

export interface ApiCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Buffer | undefined;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface ApiCallOptions {
  /** The whole exchange, connect to last byte, ms. */
  timeoutMs: number;
  /** Largest answer read, bytes; a larger one is an error. */
  maxBytes: number;
}

export type ApiCaller = (call: ApiCall) => Promise<ApiResponse>;

export function apiCaller(dispatcher: Dispatcher, opts: ApiCallOptions): ApiCaller {
  return (call) => callUpstream(dispatcher, call, opts);
}

export async function callUpstream(dispatcher: Dispatcher, call: ApiCall, opts: ApiCallOptions): Promise<ApiResponse> {
  const signal = AbortSignal.timeout(opts.timeoutMs);
  try {
    const res = await request(call.url, {
      dispatcher,
      method: call.method as Dispatcher.HttpMethod,
      headers: { ...call.headers, 'accept-encoding': 'identity' },
      body: call.body,
      signal,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > opts.maxBytes) {
        res.body.destroy();
        throw new AgcError('AGC_ERR_UPSTREAM', `${call.url}: upstream answered more than ${opts.maxBytes} bytes`, { subject: call.url });
      }
      chunks.push(chunk);
    }
    return { status: res.statusCode, headers: flatHeaders(res.headers), body: Buffer.concat(chunks) };
  } catch (err) {
    if (signal.aborted && !(err instanceof AgcError)) {
      throw new AgcError('AGC_ERR_UPSTREAM_TIMEOUT', `${call.url}: no complete answer within ${opts.timeoutMs} ms`, { subject: call.url, cause: err });
    }
    throw asUpstreamError(err, call.url);
  }
}

function flatHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}
