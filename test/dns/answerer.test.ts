import { describe, expect, it } from 'vitest';
import { defaultHostGroups, type HostGroup } from '../../src/config/schema.js';
import { Answerer, type Action, type AnswererOptions } from '../../src/dns/answerer.js';
import { buildQuery, decode, header, T } from './wire.js';

function answerer(over: Partial<AnswererOptions> = {}): Answerer {
  return new Answerer({
    hostGroups: defaultHostGroups(),
    ipv4: ['192.0.2.10'],
    ipv6: [],
    ttl: 60,
    forwarding: false,
    isAllowed: () => true,
    ...over,
  });
}

function reply(action: Action): Buffer {
  if (action.kind !== 'reply') throw new Error(`expected a reply, got ${action.kind}`);
  return action.message;
}

const ask = (a: Answerer, name: string, type: number, opts: Parameters<typeof buildQuery>[2] = {}, transport: 'udp' | 'tcp' = 'udp') =>
  reply(a.answer(buildQuery(name, type, opts), transport, '10.1.2.3'));

describe('intercepted names', () => {
  it('answers A for an exact name with the advertised address, authoritatively, id and rd kept', () => {
    const out = ask(answerer(), 'archive.ubuntu.com', T.A, { id: 0xbeef });
    expect(header(out)).toMatchObject({ id: 0xbeef, qr: true, aa: true, tc: false, rd: true, rcode: 0, qd: 1, an: 1, ns: 0, ar: 0 });
    const p = decode(out);
    expect(p.answers[0]).toMatchObject({ name: 'archive.ubuntu.com', type: T.A, class: 1, ttl: 60, address: '192.0.2.10' });
  });

  it('echoes the question byte for byte, so 0x20 mixed case survives', () => {
    const q = buildQuery('ArCHiVe.UbUnTu.CoM', T.A);
    const out = reply(answerer().answer(q, 'udp', '10.0.0.1'));
    expect(out.subarray(12, q.length)).toEqual(q.subarray(12));
    expect(decode(out).questions[0]!.name).toBe('ArCHiVe.UbUnTu.CoM');
    expect(header(out).an).toBe(1);
  });

  it('answers every advertised address, and AAAA from the IPv6 ones', () => {
    const a = answerer({ ipv4: ['192.0.2.1', '192.0.2.2'], ipv6: ['2001:db8::1', 'fd00::a:b'] });
    expect(decode(ask(a, 'images.maas.io', T.A)).answers.map((r) => r.address)).toEqual(['192.0.2.1', '192.0.2.2']);
    expect(decode(ask(a, 'images.maas.io', T.AAAA)).answers.map((r) => r.address)).toEqual(['2001:db8::1', 'fd00::a:b']);
  });

  it('answers AAAA with NODATA and an SOA at the zone apex when no IPv6 address is advertised', () => {
    const out = ask(answerer(), 'archive.ubuntu.com', T.AAAA);
    expect(header(out)).toMatchObject({ aa: true, rcode: 0, an: 0, ns: 1 });
    const soa = decode(out).authorities[0]!;
    expect(soa).toMatchObject({ name: 'archive.ubuntu.com', type: T.SOA, ttl: 60, primary: 'archive.ubuntu.com', admin: 'hostmaster.archive.ubuntu.com', minimum: 60 });
  });

  it.each([
    ['gb.archive.ubuntu.com', 'archive.ubuntu.com'],
    ['a.b.c.archive.ubuntu.com', 'archive.ubuntu.com'],
    ['abc123.cdn.snapcraftcontent.com', 'cdn.snapcraftcontent.com'],
    ['x.ports.ubuntu.com', 'ports.ubuntu.com'],
  ])('answers the wildcard name %s, with %s as the apex of its negative answers', (name, apex) => {
    const a = answerer();
    expect(decode(ask(a, name, T.A)).answers[0]!.address).toBe('192.0.2.10');
    expect(decode(ask(a, name, T.AAAA)).authorities[0]!.name).toBe(apex);
  });

  it.each([T.ANY, T.MX, T.HTTPS, T.TXT, T.SOA, T.NS, 64])('answers type %i for an intercepted name with NODATA', (type) => {
    const out = ask(answerer(), 'api.snapcraft.io', type);
    expect(header(out)).toMatchObject({ rcode: 0, aa: true, an: 0, ns: 1 });
  });

  it('refuses zone transfers of intercepted names', () => {
    expect(header(ask(answerer(), 'archive.ubuntu.com', T.AXFR, {}, 'tcp')).rcode).toBe(5);
    expect(header(ask(answerer(), 'archive.ubuntu.com', T.IXFR)).rcode).toBe(5);
  });

  it('answers NXDOMAIN with the exact name as apex for names under an exact name', () => {
    const out = ask(answerer(), 'nope.security.ubuntu.com', T.A);
    expect(header(out)).toMatchObject({ rcode: 3, aa: true, an: 0, ns: 1 });
    expect(decode(out).authorities[0]!.name).toBe('security.ubuntu.com');
    expect(header(ask(answerer(), 'a.b.images.maas.io', T.AAAA)).rcode).toBe(3);
  });

  it('answers NXDOMAIN for a name under a wildcard that is no host name', () => {
    expect(header(ask(answerer(), '_srv.archive.ubuntu.com', T.A)).rcode).toBe(3);
  });

  it('takes the trailing dot and any case as the same name', () => {
    const q = buildQuery('API.CHARMHUB.IO', T.A);
    expect(header(reply(answerer().answer(q, 'udp', '10.0.0.1'))).an).toBe(1);
  });

  it('treats class ANY like IN and any other class as not ours', () => {
    expect(header(ask(answerer(), 'archive.ubuntu.com', T.A, { qclass: 255 })).an).toBe(1);
    expect(header(ask(answerer(), 'archive.ubuntu.com', T.A, { qclass: 3 })).rcode).toBe(5);
  });

  it('does not match a name whose labels only spell an intercepted name once joined', () => {
    // One label "archive.ubuntu" then "com": not archive.ubuntu.com.
    const q = Buffer.concat([buildQuery('x', T.A).subarray(0, 12), Buffer.from('\x0earchive.ubuntu\x03com\x00\x00\x01\x00\x01', 'latin1')]);
    expect(header(reply(answerer().answer(q, 'udp', '10.0.0.1'))).rcode).toBe(5);
  });

  it('copies CD and sets RA only when forwarding is configured', () => {
    expect(header(ask(answerer(), 'archive.ubuntu.com', T.A, { cd: true }))).toMatchObject({ cd: true, ra: false });
    expect(header(ask(answerer({ forwarding: true }), 'archive.ubuntu.com', T.A, { rd: false }))).toMatchObject({ cd: false, ra: true, rd: false });
  });

  it('follows configured host groups, not only the defaults', () => {
    const groups: HostGroup[] = [{ name: 'm', site: 'generic', namespace: 'm', hosts: ['mirror.example', '*.cdn.example'], upstream: 'http://mirror.example' }];
    const a = answerer({ hostGroups: groups });
    expect(header(ask(a, 'mirror.example', T.A)).an).toBe(1);
    expect(header(ask(a, 'x.y.cdn.example', T.A)).an).toBe(1);
    expect(header(ask(a, 'archive.ubuntu.com', T.A)).rcode).toBe(5);
  });
});

describe('other names', () => {
  it('refuses them when no forwarders are configured', () => {
    const out = ask(answerer(), 'example.com', T.A);
    expect(header(out)).toMatchObject({ rcode: 5, aa: false, ra: false, an: 0, qd: 1 });
  });

  it('forwards them for allowed clients and refuses everyone else', () => {
    const a = answerer({ forwarding: true, isAllowed: (addr) => addr === '10.1.2.3' });
    const q = buildQuery('example.com', T.A);
    const fwd = a.answer(q, 'udp', '10.1.2.3');
    expect(fwd.kind).toBe('forward');
    if (fwd.kind === 'forward') expect(fwd.query).toMatchObject({ name: 'example.com', qtype: T.A, questionEnd: q.length });
    expect(header(reply(a.answer(q, 'udp', '203.0.113.9'))).rcode).toBe(5);
  });

  it('forwards the wildcard apex itself, which is not intercepted', () => {
    const a = answerer({ forwarding: true });
    expect(a.answer(buildQuery('cdn.snapcraftcontent.com', T.A), 'udp', '10.0.0.1').kind).toBe('forward');
    expect(a.answer(buildQuery('ubuntu.com', T.A), 'udp', '10.0.0.1').kind).toBe('forward');
  });

  it('relays an upstream answer unchanged, or truncated when it is too big for the UDP client', () => {
    const a = answerer({ forwarding: true });
    const q = buildQuery('example.com', T.TXT);
    const read = a.answer(q, 'udp', '10.0.0.1');
    if (read.kind !== 'forward') throw new Error('expected forward');
    const small = Buffer.concat([q.subarray(0, 12), q.subarray(12)]);
    small[2] = 0x81;
    expect(a.relay(q, read.query, small, 'udp')).toBe(small);
    const big = Buffer.concat([small, Buffer.alloc(600)]);
    const cut = a.relay(q, read.query, big, 'udp');
    expect(header(cut)).toMatchObject({ tc: true, an: 0, qd: 1, id: 0x1234 });
    expect(a.relay(q, read.query, big, 'tcp')).toBe(big);
    expect(header(a.servfail(q, read.query, 'udp'))).toMatchObject({ rcode: 2, qd: 1 });
  });
});

describe('EDNS', () => {
  it('echoes an OPT record with our payload size and the DO bit, only when the query had one', () => {
    const out = ask(answerer(), 'archive.ubuntu.com', T.A, { edns: { udpSize: 4096, dnssecOk: true } });
    expect(header(out).ar).toBe(1);
    const opt = decode(out).additionals[0]!;
    expect(opt).toMatchObject({ type: T.OPT, class: 1232 });
    expect(out.subarray(-11)).toEqual(Buffer.from([0, 0, 41, 0x04, 0xd0, 0, 0, 0x80, 0, 0, 0]));
    expect(header(ask(answerer(), 'archive.ubuntu.com', T.A)).ar).toBe(0);
  });

  it('echoes OPT on negative and refused answers too', () => {
    expect(header(ask(answerer(), 'x.images.maas.io', T.A, { edns: {} })).ar).toBe(1);
    expect(header(ask(answerer(), 'example.org', T.A, { edns: {} })).ar).toBe(1);
  });

  it('ignores options it does not know (a client cookie) instead of failing', () => {
    const cookie = Buffer.from('000a00080102030405060708', 'hex');
    const out = ask(answerer(), 'archive.ubuntu.com', T.A, { edns: { options: cookie } });
    expect(header(out)).toMatchObject({ rcode: 0, an: 1, ar: 1 });
  });

  it('answers BADVERS for an EDNS version it does not speak', () => {
    const out = ask(answerer(), 'archive.ubuntu.com', T.A, { edns: { version: 1 } });
    expect(header(out)).toMatchObject({ rcode: 0, an: 0, ar: 1 });
    expect(out[out.length - 11 + 5]).toBe(1); // extended rcode 1 << 4 | 0 = 16 BADVERS
  });
});

describe('truncation', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => `10.0.${i >> 8}.${i & 255}`);

  it('sets TC and drops the records when the answer exceeds 512 bytes for a client without EDNS', () => {
    const a = answerer({ ipv4: many(40) });
    const out = ask(a, 'archive.ubuntu.com', T.A);
    expect(header(out)).toMatchObject({ tc: true, an: 0, qd: 1, rcode: 0 });
    expect(out.length).toBeLessThanOrEqual(512);
    expect(header(ask(a, 'archive.ubuntu.com', T.A, {}, 'tcp'))).toMatchObject({ tc: false, an: 40 });
  });

  it('uses the EDNS size, capped at 1232 bytes', () => {
    const a = answerer({ ipv4: many(40) });
    expect(header(ask(a, 'archive.ubuntu.com', T.A, { edns: { udpSize: 1232 } }))).toMatchObject({ tc: false, an: 40 });
    expect(header(ask(a, 'archive.ubuntu.com', T.A, { edns: { udpSize: 100 } }))).toMatchObject({ tc: true });
    const b = answerer({ ipv4: many(100) });
    const out = ask(b, 'archive.ubuntu.com', T.A, { edns: { udpSize: 4096 } });
    expect(header(out)).toMatchObject({ tc: true, an: 0, ar: 1 });
    expect(decode(ask(b, 'archive.ubuntu.com', T.A, { edns: { udpSize: 4096 } }, 'tcp')).answers).toHaveLength(100);
  });
});

describe('malformed input', () => {
  const a = answerer();
  const base = buildQuery('archive.ubuntu.com', T.A, { id: 0x4242 });
  const withHeader = (body: Buffer, mutate: (h: Buffer) => void = () => undefined) => {
    const h = Buffer.from(base.subarray(0, 12));
    mutate(h);
    return Buffer.concat([h, body]);
  };
  const formerr = (msg: Buffer) => {
    const out = reply(a.answer(msg, 'udp', '10.0.0.1'));
    expect(header(out)).toMatchObject({ id: 0x4242, qr: true, rcode: 1, qd: 0, an: 0, ns: 0, ar: 0 });
    expect(out).toHaveLength(12);
  };

  it('drops what cannot be answered: shorter than a header, or a response', () => {
    for (const n of [0, 1, 11]) expect(a.answer(base.subarray(0, n), 'udp', '10.0.0.1')).toEqual({ kind: 'drop' });
    const resp = Buffer.from(base);
    resp[2]! |= 0x80;
    expect(a.answer(resp, 'udp', '10.0.0.1')).toEqual({ kind: 'drop' });
  });

  it('answers FORMERR, never an empty NOERROR, for broken questions', () => {
    formerr(base.subarray(0, 12));
    formerr(withHeader(base.subarray(12), (h) => h.writeUInt16BE(0, 4)));
    formerr(withHeader(Buffer.concat([base.subarray(12), base.subarray(12)]), (h) => h.writeUInt16BE(2, 4)));
    for (let cut = 13; cut < base.length; cut++) formerr(base.subarray(0, cut));
    formerr(withHeader(Buffer.from([0xc0, 0x0c, 0, 1, 0, 1]))); // pointer to itself
    formerr(withHeader(Buffer.from([0xc0, 0x00, 0, 1, 0, 1]))); // pointer into the header
    formerr(withHeader(Buffer.from([0x40, 0x61, 0, 0, 1, 0, 1]))); // reserved label type
    formerr(withHeader(Buffer.from([0x80, 0x61, 0, 0, 1, 0, 1])));
    formerr(withHeader(Buffer.from([5, 0x61, 0x62]))); // label runs past the end
  });

  it('accepts 127 labels (a 255-byte name) and refuses more', () => {
    const name127 = Array.from({ length: 127 }, () => 'a').join('.');
    expect(header(reply(a.answer(buildQuery(name127, T.A, { id: 0x4242 }), 'udp', '10.0.0.1'))).rcode).toBe(5);
    formerr(buildQuery(`${name127}.b`, T.A, { id: 0x4242 }));
    const longLabels = Array.from({ length: 5 }, () => 'x'.repeat(63)).join('.');
    formerr(buildQuery(longLabels, T.A, { id: 0x4242 }));
  });

  it('answers FORMERR for broken additional records', () => {
    const opt = buildQuery('archive.ubuntu.com', T.A, { id: 0x4242, edns: {} });
    for (let cut = base.length + 1; cut < opt.length; cut++) formerr(opt.subarray(0, cut));
    const twoOpts = Buffer.concat([opt, opt.subarray(base.length)]);
    twoOpts.writeUInt16BE(2, 10);
    formerr(twoOpts);
    const ownedOpt = Buffer.concat([base, Buffer.from([1, 0x61]), opt.subarray(base.length)]);
    ownedOpt.writeUInt16BE(1, 10);
    formerr(ownedOpt);
    const optInAnswers = Buffer.from(opt);
    optInAnswers.writeUInt16BE(1, 6);
    optInAnswers.writeUInt16BE(0, 10);
    formerr(optInAnswers);
    const countsLie = Buffer.from(base);
    countsLie.writeUInt16BE(0xffff, 10);
    formerr(countsLie);
  });

  it('answers NOTIMP for opcodes other than QUERY', () => {
    for (const opcode of [1, 2, 4, 5, 15]) {
      const out = reply(a.answer(buildQuery('archive.ubuntu.com', T.A, { id: 0x4242, opcode }), 'udp', '10.0.0.1'));
      expect(header(out)).toMatchObject({ id: 0x4242, qr: true, rcode: 4, qd: 0 });
    }
  });

  it('skips well-formed records in the answer and authority sections and ignores trailing bytes', () => {
    const rr = Buffer.from([0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 1, 2, 3, 4]);
    const msg = Buffer.concat([base, rr, rr, Buffer.from([0xde, 0xad])]);
    msg.writeUInt16BE(1, 6);
    msg.writeUInt16BE(1, 8);
    expect(header(reply(a.answer(msg, 'udp', '10.0.0.1')))).toMatchObject({ rcode: 0, an: 1 });
  });
});
