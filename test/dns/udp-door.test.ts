import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultHostGroups } from '../../src/config/schema.js';
import { Answerer } from '../../src/dns/answerer.js';
import { Responder } from '../../src/dns/responder.js';
import { serveUdp } from '../../src/dns/udp-door.js';
import { silentLogger } from '../../src/log.js';
import { udpAsk } from './net.js';
import { buildQuery, header, T } from './wire.js';

let socket: Socket | undefined;
afterEach(() => new Promise<void>((r) => (socket ? socket.close(() => r()) : r())));

async function door(responder: Responder): Promise<number> {
  socket = createSocket('udp4');
  await new Promise<void>((r) => socket!.bind(0, '127.0.0.1', () => r()));
  serveUdp(socket, responder, silentLogger());
  return socket.address().port;
}

const answerer = () => new Answerer({ hostGroups: defaultHostGroups(), ipv4: ['192.0.2.1'], ipv6: [], ttl: 60, forwarding: false, isAllowed: () => true });

describe('UDP door', () => {
  it('answers a query to the address and port it came from', async () => {
    const port = await door(new Responder(answerer(), undefined, silentLogger()));
    const reply = await udpAsk(port, buildQuery('archive.ubuntu.com', T.A, { id: 99 }));
    expect(header(reply!)).toMatchObject({ id: 99, an: 1 });
  });

  it('sends nothing back for dropped packets and keeps answering', async () => {
    const port = await door(new Responder(answerer(), undefined, silentLogger()));
    expect(await udpAsk(port, Buffer.from('hi'), { timeoutMs: 200 })).toBeUndefined();
    expect(header((await udpAsk(port, buildQuery('archive.ubuntu.com', T.A)))!).an).toBe(1);
  });

  it('survives a responder that throws', async () => {
    let calls = 0;
    const real = new Responder(answerer(), undefined, silentLogger());
    const flaky = {
      handle: (...args: Parameters<Responder['handle']>) => {
        if (calls++ === 0) throw new Error('bug');
        return real.handle(...args);
      },
    } as unknown as Responder;
    const port = await door(flaky);
    expect(await udpAsk(port, buildQuery('archive.ubuntu.com', T.A), { timeoutMs: 200 })).toBeUndefined();
    expect(header((await udpAsk(port, buildQuery('archive.ubuntu.com', T.A)))!).an).toBe(1);
  });
});
