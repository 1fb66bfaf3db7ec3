// The responder's brain, without sockets: a query buffer in, an action out. Intercepted names are
// answered from precomputed records; other names are forwarded (allowed clients, forwarders set)
// or refused, so the appliance never becomes an open resolver.
import type { HostGroup } from '../config/schema.js';
import { QCLASS, QTYPE, RCODE, readQuery, type Query } from './query.js';
import { addressRecords, soaTemplate, type RecordSet, type SoaTemplate } from './records.js';
import { BADVERS, buildReply, headerOnlyReply, replyLimit, type ReplyParts } from './reply.js';
import { InterceptedZones } from './zone.js';

export type Transport = 'udp' | 'tcp';

export type Action =
  | { kind: 'reply'; message: Buffer }
  /** Relay `message` to a forwarder; answer with `relay()` or, when that fails, `servfail()`. */
  | { kind: 'forward'; query: Query }
  | { kind: 'drop' };

export interface AnswererOptions {
  hostGroups: readonly HostGroup[];
  ipv4: readonly string[];
  ipv6: readonly string[];
  /** Seconds, for answers and for negative caching. */
  ttl: number;
  /** Forwarders are configured, so recursion is available to allowed clients. */
  forwarding: boolean;
  isAllowed(address: string): boolean;
  /** Takes a token for a query to be forwarded; false: answer REFUSED (per-client rate limit). */
  mayForward?(address: string): boolean;
}

const DROP: Action = { kind: 'drop' };

export class Answerer {
  private readonly zones: InterceptedZones;
  private readonly a: RecordSet;
  private readonly aaaa: RecordSet;
  private readonly soa: SoaTemplate;

  constructor(private readonly opts: AnswererOptions) {
    this.zones = new InterceptedZones(opts.hostGroups);
    this.a = addressRecords(QTYPE.A, opts.ipv4, opts.ttl);
    this.aaaa = addressRecords(QTYPE.AAAA, opts.ipv6, opts.ttl);
    this.soa = soaTemplate(opts.ttl);
  }

  answer(msg: Buffer, transport: Transport, clientAddress: string): Action {
    const read = readQuery(msg);
    if (read.kind === 'drop') return DROP;
    if (read.kind === 'error') return this.reply(headerOnlyReply(read.id, read.rd, read.rcode));
    const q = read.query;
    const ra = this.opts.forwarding;
    const limit = replyLimit(q, transport);
    if (q.edns && q.edns.version > 0) return this.reply(buildReply(msg, q, { rcode: BADVERS, aa: false, ra }, limit));

    if (q.plainName && (q.qclass === QCLASS.IN || q.qclass === QCLASS.ANY)) {
      const c = this.zones.classify(q.name, q.labelOffsets);
      if (c.kind === 'nxdomain') {
        return this.reply(buildReply(msg, q, { rcode: RCODE.NXDOMAIN, aa: true, ra, soa: { template: this.soa, apex: c.apex } }, limit));
      }
      if (c.kind === 'answer') return this.reply(buildReply(msg, q, this.intercepted(q.qtype, c.apex), limit));
    }
    if (!this.opts.forwarding || !this.opts.isAllowed(clientAddress)) {
      return this.reply(buildReply(msg, q, { rcode: RCODE.REFUSED, aa: false, ra: false }, limit));
    }
    // Over its rate: REFUSED rather than silence, so a stub resolver moves on at once instead of
    // retrying into the limit; the reply is no bigger than the query, so it amplifies nothing.
    if (this.opts.mayForward && !this.opts.mayForward(clientAddress)) {
      return this.reply(buildReply(msg, q, { rcode: RCODE.REFUSED, aa: false, ra: true }, limit));
    }
    return { kind: 'forward', query: q };
  }

  /** The forwarder's answer as the client may receive it: unchanged, or truncated if too big for UDP. */
  relay(msg: Buffer, q: Query, upstream: Buffer, transport: Transport): Buffer {
    const limit = replyLimit(q, transport);
    if (upstream.length <= limit || transport === 'tcp') return upstream;
    return buildReply(msg, q, { rcode: upstream[3]! & 0x0f, aa: false, ra: true }, 0);
  }

  servfail(msg: Buffer, q: Query, transport: Transport): Buffer {
    return buildReply(msg, q, { rcode: RCODE.SERVFAIL, aa: false, ra: true }, replyLimit(q, transport));
  }

  private intercepted(qtype: number, apex: number): ReplyParts {
    const ra = this.opts.forwarding;
    if (qtype === QTYPE.AXFR || qtype === QTYPE.IXFR) return { rcode: RCODE.REFUSED, aa: false, ra };
    const records = qtype === QTYPE.A ? this.a : qtype === QTYPE.AAAA ? this.aaaa : undefined;
    if (records && records.count > 0) return { rcode: RCODE.NOERROR, aa: true, ra, answers: records };
    // NODATA: the name exists, this type does not (AAAA without an IPv6 address, ANY, MX, HTTPS...).
    return { rcode: RCODE.NOERROR, aa: true, ra, soa: { template: this.soa, apex } };
  }

  private reply(message: Buffer): Action {
    return { kind: 'reply', message };
  }
}
