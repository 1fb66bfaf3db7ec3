// Bounded fuzz: 20k random and mutated packets through the answerer. None may throw, every reply
// must decode cleanly and claim only what the query supports (never an empty NOERROR for junk),
// and afterwards the answerer still answers exactly as a fresh one does.
import { Packet } from 'dns2';
import { describe, expect, it } from 'vitest';
import { HostMatcher } from '../../src/config/host-groups.js';
import { defaultHostGroups } from '../../src/config/schema.js';
import { Answerer } from '../../src/dns/answerer.js';
import { buildQuery, decode, header, T } from './wire.js';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seeds = [
  buildQuery('archive.ubuntu.com', T.A),
  buildQuery('gb.ARCHIVE.ubuntu.com', T.AAAA, { edns: { udpSize: 4096, dnssecOk: true } }),
  buildQuery('x.security.ubuntu.com', T.A, { edns: { options: Buffer.from('000a00080102030405060708', 'hex') } }),
  buildQuery('api.snapcraft.io', T.HTTPS),
  buildQuery('example.com', T.MX, { edns: {} }),
  buildQuery('a.b.cdn.snapcraftcontent.com', T.ANY),
];

function mutate(rand: () => number, input: Buffer): Buffer {
  let b = Buffer.from(input);
  const int = (n: number) => Math.floor(rand() * n);
  for (let steps = 1 + int(4); steps > 0; steps--) {
    switch (int(7)) {
      case 0:
        b[int(b.length)]! ^= 1 << int(8);
        break;
      case 1:
        b[int(b.length)] = int(256);
        break;
      case 2:
        b = b.subarray(0, int(b.length + 1));
        break;
      case 3:
        b = Buffer.concat([b, Buffer.from(Array.from({ length: int(40) }, () => int(256)))]);
        break;
      case 4:
        if (b.length >= 12) b.writeUInt16BE([0, 1, 2, 0xffff, int(65536)][int(5)]!, 4 + 2 * int(4));
        break;
      case 5:
        if (b.length > 14) b.writeUInt16BE(0xc000 | int(b.length), 12 + int(b.length - 13));
        break;
      case 6:
        b = Buffer.concat([b, b.subarray(12)]);
        break;
    }
    if (b.length === 0) break;
  }
  return b;
}

/** What an independent decoder (dns2) makes of the query's question, or undefined if it cannot. */
function questionOf(query: Buffer): { name: string; type: number; class: number } | undefined {
  try {
    const q = Packet.Question.parse(new Packet.Reader(query, 12 * 8));
    return q;
  } catch {
    return undefined;
  }
}

describe('answerer fuzz', () => {
  it('survives 20k random and mutated packets and still answers correctly', () => {
    const seed = Number(process.env.DNS_FUZZ_SEED ?? 0x5eed);
    const rand = mulberry32(seed);
    const groups = defaultHostGroups();
    const matcher = new HostMatcher(groups);
    const opts = { hostGroups: groups, ipv4: ['192.0.2.1'], ipv6: [], ttl: 60, forwarding: true, isAllowed: (a: string) => a.startsWith('10.') };
    const answerer = new Answerer(opts);
    const counts = { drop: 0, forward: 0, formerr: 0, noerror: 0, other: 0 };
    for (let i = 0; i < 20_000; i++) {
      const query =
        i % 4 === 0
          ? Buffer.from(Array.from({ length: Math.floor(rand() * 600) }, () => Math.floor(rand() * 256)))
          : mutate(rand, seeds[i % seeds.length]!);
      const transport = i % 3 === 0 ? 'tcp' : 'udp';
      const client = i % 2 === 0 ? '10.0.0.1' : '203.0.113.1';
      const context = `seed ${seed} packet ${i}: ${query.toString('hex')}`;
      const action = answerer.answer(query, transport, client);
      if (action.kind === 'drop') {
        counts.drop++;
        expect(query.length < 12 || (query[2]! & 0x80) !== 0, context).toBe(true);
        continue;
      }
      if (action.kind === 'forward') {
        counts.forward++;
        expect(client, context).toBe('10.0.0.1');
        continue;
      }
      const out = action.message;
      const h = header(out);
      expect(() => decode(out), context).not.toThrow();
      expect(h.qr && h.id === query.readUInt16BE(0), context).toBe(true);
      if (transport === 'udp') expect(out.length, context).toBeLessThanOrEqual(1232);
      if (h.rcode === 1) counts.formerr++;
      if (h.qd === 0) {
        expect([1, 4], context).toContain(h.rcode);
        continue;
      }
      // Any reply that echoes a question must come from a well-formed single-question query.
      expect(query.readUInt16BE(4), context).toBe(1);
      expect((query[2]! >> 3) & 0x0f, context).toBe(0);
      const q = questionOf(query);
      expect(q, context).toBeDefined();
      const qlen = out.indexOf(0, 12) + 5 - 12;
      expect(out.subarray(12, 12 + qlen).equals(query.subarray(12, 12 + qlen)), context).toBe(true);
      // An OPT (always last, 11 bytes) carries the rcode's high bits (16: BADVERS).
      const rcode = h.rcode | (h.ar === 1 ? out[out.length - 6]! << 4 : 0);
      if (rcode === 0 && !h.tc) {
        counts.noerror++;
        const qclassOk = q!.class === 1 || q!.class === 255;
        expect(qclassOk && matcher.match(q!.name) !== undefined, context).toBe(true);
        expect(h.an + h.ns, context).toBe(1);
      } else counts.other++;
    }
    // The run must have exercised every path, or it proves little.
    for (const [k, v] of Object.entries(counts)) expect(v, k).toBeGreaterThan(50);

    const fresh = new Answerer(opts);
    for (const q of seeds) {
      const again = answerer.answer(q, 'udp', '10.0.0.1');
      expect(again).toEqual(fresh.answer(q, 'udp', '10.0.0.1'));
    }
    const final = answerer.answer(buildQuery('Archive.Ubuntu.Com', T.A), 'udp', '203.0.113.1');
    if (final.kind !== 'reply') throw new Error('no reply after the fuzz');
    expect(decode(final.message).answers[0]).toMatchObject({ name: 'Archive.Ubuntu.Com', address: '192.0.2.1' });
  });
});
