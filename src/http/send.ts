import type { ServerResponse } from 'node:http';
import { AgcError } from '../errors.js';
import type { Reply } from '../sites/site.js';

export function sendReply(res: ServerResponse, reply: Reply, head = false): number {
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body) : reply.body;
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(body.length) });
  res.end(head ? undefined : body);
  return body.length;
}

/** An error as the client sees it: the code always, the message only when it is not an internal fault. */
export function errorReply(err: unknown): Reply {
  const agc = err instanceof AgcError ? err : undefined;
  const status = agc?.status ?? 500;
  const code = agc?.code ?? 'AGC_ERR_INTERNAL';
  const text = status < 500 && agc ? agc.message : statusText(status);
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-airgap-cache-error': code }, body: `${text}\n` };
}

function statusText(status: number): string {
  switch (status) {
    case 502:
      return 'Bad Gateway';
    case 504:
      return 'Gateway Timeout';
    default:
      return 'Internal Server Error';
  }
}
