// Joins the answerer to the forwarder for one door: a message gets its reply now, its reply later
// (forwarded; a SERVFAIL if that fails), or nothing.
import type { Logger } from '../log.js';
import type { Answerer, Transport } from './answerer.js';
import type { Forwarder } from './forwarder.js';

/** A reply to send now, one to send when it settles (never rejects), or undefined: drop. */
export type Outcome = Buffer | Promise<Buffer> | undefined;

export class Responder {
  constructor(
    private readonly answerer: Answerer,
    private readonly forwarder: Forwarder | undefined,
    private readonly log: Logger,
  ) {}

  handle(msg: Buffer, transport: Transport, address: string): Outcome {
    const action = this.answerer.answer(msg, transport, address);
    if (action.kind === 'reply') return action.message;
    if (action.kind === 'drop' || !this.forwarder) return undefined;
    const q = action.query;
    return this.forwarder.forward(msg, q.questionEnd, transport).then(
      (upstream) => (upstream ? this.answerer.relay(msg, q, upstream, transport) : this.answerer.servfail(msg, q, transport)),
      (err: unknown) => {
        this.log.warn({ err }, 'forwarding failed unexpectedly');
        return this.answerer.servfail(msg, q, transport);
      },
    );
  }
}
