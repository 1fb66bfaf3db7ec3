// Joins the answerer to the forwarder for one door: a message gets its reply now, its reply later
// (forwarded; a SERVFAIL if that fails), or nothing. Listeners to `query` hear how each one ended.
import { EventEmitter } from 'node:events';
import type { Logger } from '../log.js';
import type { Answerer, Transport } from './answerer.js';
import type { Forwarder } from './forwarder.js';
import { describeReply, type DnsEvents } from './query-events.js';

/** A reply to send now, one to send when it settles (never rejects), or undefined: drop. */
export type Outcome = Buffer | Promise<Buffer> | undefined;

const DROPPED = { name: '', type: 'none', answer: 'dropped', own: false } as const;

export class Responder extends EventEmitter<DnsEvents> {
  constructor(
    private readonly answerer: Answerer,
    private readonly forwarder: Forwarder | undefined,
    private readonly log: Logger,
  ) {
    super();
  }

  handle(msg: Buffer, transport: Transport, address: string): Outcome {
    const action = this.answerer.answer(msg, transport, address);
    const heard = this.listenerCount('query') > 0;
    if (action.kind === 'reply') {
      if (heard) this.emit('query', describeReply(action.message, false));
      return action.message;
    }
    if (action.kind === 'drop' || !this.forwarder) {
      if (heard) this.emit('query', { ...DROPPED });
      return undefined;
    }
    const q = action.query;
    return this.forwarder
      .forward(msg, q.questionEnd, transport)
      .then(
        (upstream) => (upstream ? this.answerer.relay(msg, q, upstream, transport) : this.answerer.servfail(msg, q, transport)),
        (err: unknown) => {
          this.log.warn({ err }, 'forwarding failed unexpectedly');
          return this.answerer.servfail(msg, q, transport);
        },
      )
      .then((reply) => {
        if (this.listenerCount('query') > 0) this.emit('query', describeReply(reply, true));
        return reply;
      });
  }
}
