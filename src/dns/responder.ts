// Joins the answerer to the forwarder for one door: every message gets exactly one reply through
// `send`, now or once the forwarder is done, or is dropped.
import type { Logger } from '../log.js';
import type { Answerer, Transport } from './answerer.js';
import type { Forwarder } from './forwarder.js';

export type Outcome = 'answered' | 'forwarding' | 'dropped';

export class Responder {
  constructor(
    private readonly answerer: Answerer,
    private readonly forwarder: Forwarder | undefined,
    private readonly log: Logger,
  ) {}

  handle(msg: Buffer, transport: Transport, address: string, send: (reply: Buffer) => void): Outcome {
    const action = this.answerer.answer(msg, transport, address);
    if (action.kind === 'reply') {
      send(action.message);
      return 'answered';
    }
    if (action.kind === 'drop' || !this.forwarder) return 'dropped';
    const q = action.query;
    this.forwarder.forward(msg, q.questionEnd, transport).then(
      (upstream) => send(upstream ? this.answerer.relay(msg, q, upstream, transport) : this.answerer.servfail(msg, q, transport)),
      (err: unknown) => {
        this.log.warn({ err }, 'forwarding failed unexpectedly');
        send(this.answerer.servfail(msg, q, transport));
      },
    );
    return 'forwarding';
  }
}
